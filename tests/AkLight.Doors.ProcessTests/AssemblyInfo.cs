// The tests start silo processes and a browser; one at a time keeps a 2-core machine's timings predictable.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
