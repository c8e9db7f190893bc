using AkLight.Producer;

return await ProducerProgram.RunAsync(args).ConfigureAwait(false);
