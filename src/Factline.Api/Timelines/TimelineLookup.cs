using Factline.Timelines;

namespace Factline.Api.Timelines;

/// <summary>What a timeline lookup found: the timeline, or nothing at all, and the evidence either way.</summary>
internal sealed record TimelineLookup(Timeline? Timeline, TimelineEvidence Evidence);
