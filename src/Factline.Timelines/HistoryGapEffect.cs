namespace Factline.Timelines;

/// <summary>A history gap that may hold facts of one transaction: later ones (it ends after one of its records) or earlier ones.</summary>
internal sealed record HistoryGapEffect(HistoryGap Gap, bool MayHoldLaterFacts);
