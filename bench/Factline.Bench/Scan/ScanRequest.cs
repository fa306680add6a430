using Factline.Bench.Corpus;
using Factline.Bench.Workers;

namespace Factline.Bench.Scan;

/// <summary>Find one correlationId's facts the way users do without Factline: read the whole topic and keep the matches.</summary>
public sealed record ScanRequest(TopicSource Source, string CorrelationId) : WorkerRequest;

public sealed record ScanMeasurement(double Seconds, long RecordsRead, int Matches);
