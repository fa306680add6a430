using Factline.Timelines;

namespace Factline.Api.Timelines;

/// <summary>A transaction's timeline and the evidence it was judged by.</summary>
internal sealed record TimelineLookup(Timeline Timeline, TimelineEvidence Evidence);
