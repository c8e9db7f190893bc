using AkLight.Consumer;

return await ConsumerProgram.RunAsync(args).ConfigureAwait(false);
