using AkLight.Examples.Sightings;

return await SightingsProgram.RunAsync(args).ConfigureAwait(false);
