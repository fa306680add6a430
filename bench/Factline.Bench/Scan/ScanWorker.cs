using System.Text;
using Factline.Bench.Ingest;

namespace Factline.Bench.Scan;

/// <summary>
/// Runs one <see cref="ScanRequest"/> inside a worker process. Matching on the record key is the cheapest
/// filter a scan can apply (kcat | grep and Kafka UIs also parse or search the value), and the scan
/// still has to read to the end of every partition: nothing says where a transaction's facts stop.
/// </summary>
internal static class ScanWorker
{
    public static ScanMeasurement Run(ScanRequest request, CancellationToken cancellationToken)
    {
        var key = Encoding.UTF8.GetBytes(request.CorrelationId);
        var matches = 0;
        var read = PlainConsumer.ReadAll(request.Source, "scan", record =>
        {
            if (record.Message.Key is { } recordKey && recordKey.AsSpan().SequenceEqual(key))
                matches++;
        }, cancellationToken);
        if (matches == 0)
            throw new InvalidOperationException($"The scan found no fact of {request.CorrelationId}, which was sampled from the topic.");
        return new ScanMeasurement(read.Time.Elapsed.TotalSeconds, read.Records, matches);
    }
}
