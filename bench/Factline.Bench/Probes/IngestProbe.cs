namespace Factline.Bench.Probes;

/// <summary>How <c>probe-ingest</c> applies its facts.</summary>
/// <param name="BatchSize">Facts per applied batch.</param>
/// <param name="Writers">Writers applying at once, each the batches of the partitions whose number modulo <paramref name="Writers"/> is its own.</param>
/// <param name="WorkDirectory">Where the stores are written.</param>
internal sealed record IngestProbe(int BatchSize, int Writers, string WorkDirectory);
