namespace Factline.Bench.Corpus;

/// <summary>The facts every scenario reads: where they are, what they weigh, and the samples drawn from them.</summary>
public sealed record LoadedCorpus(
    TopicSource Source,
    long Transactions,
    long RawBytes,
    double LoadSeconds,
    PartitionSpread Partitions,
    string SamplesPath,
    CorpusSamples Samples)
{
    public double MeanFactBytes => RawBytes / (double)Source.Facts;
    public double FactsPerTransaction => Source.Facts / (double)Transactions;
}

/// <summary>How evenly the facts landed across partitions (fewest and most records in one partition).</summary>
public readonly record struct PartitionSpread(long Fewest, long Most);
