namespace AkLight.Client.Producing;

/// <summary>
/// Routes one topic's messages to partition senders. Until the topic's partition count is known, messages
/// wait here in send order, so the first messages of a key keep their order too.
/// </summary>
internal sealed class TopicRoute
{
    private readonly object _gate = new();
    private readonly Func<int, PartitionSender> _createSender;
    private readonly List<(ProduceRecord Record, TaskCompletionSource<DeliveryResult> Delivered)> _waiting = [];
    private Lazy<PartitionSender>[]? _senders;
    private PartitionChooser? _chooser;
    private Exception? _lookupError;

    public TopicRoute(Task<int> partitionCount, Func<int, PartitionSender> createSender)
    {
        _createSender = createSender;
        PartitionCount = partitionCount;
        partitionCount.ContinueWith(OnPartitionCount, TaskScheduler.Default);
    }

    /// <summary>The topic's partition count, once looked up.</summary>
    public Task<int> PartitionCount { get; }

    /// <summary>
    /// True when the lookup failed, or the topic was deleted since: the route is dropped and the next send looks
    /// the topic up again (creating it afresh, with the partition count a new topic of that name gets).
    /// </summary>
    public bool Failed => _lookupError is not null || _gone;

    private volatile bool _gone;

    /// <summary>The broker said the topic no longer exists.</summary>
    public void TopicGone() => _gone = true;

    public IEnumerable<PartitionSender> Senders =>
        _senders?.Where(s => s.IsValueCreated).Select(s => s.Value) ?? [];

    public Task<DeliveryResult> Send(ProduceRecord record)
    {
        lock (_gate)
        {
            if (_lookupError is not null) return Task.FromException<DeliveryResult>(_lookupError);
            if (_chooser is null)
            {
                var delivered = new TaskCompletionSource<DeliveryResult>(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiting.Add((record, delivered));
                return delivered.Task;
            }
            return SendRouted(record);
        }
    }

    private Task<DeliveryResult> SendRouted(ProduceRecord record) => _senders![_chooser!.Choose(record.Key)].Value.Enqueue(record);

    private void OnPartitionCount(Task<int> lookup)
    {
        lock (_gate)
        {
            if (lookup.IsCompletedSuccessfully)
            {
                _chooser = new PartitionChooser(lookup.Result);
                _senders = Enumerable.Range(0, lookup.Result).Select(p => new Lazy<PartitionSender>(() => _createSender(p))).ToArray();
                foreach (var (record, delivered) in _waiting)
                {
                    var sent = SendRouted(record);
                    sent.ContinueWith(t => Forward(t, delivered), TaskScheduler.Default);
                }
            }
            else
            {
                _lookupError = lookup.Exception?.InnerException ?? new AkLightException("topic lookup was cancelled");
                foreach (var (_, delivered) in _waiting) delivered.TrySetException(_lookupError);
            }
            _waiting.Clear();
        }
    }

    private static void Forward(Task<DeliveryResult> sent, TaskCompletionSource<DeliveryResult> delivered)
    {
        if (sent.IsCompletedSuccessfully) delivered.TrySetResult(sent.Result);
        else delivered.TrySetException(sent.Exception?.InnerException ?? new AkLightException("send was cancelled"));
    }
}
