// Each test starts its own silo and tools as separate processes; one at a time keeps timings predictable.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
