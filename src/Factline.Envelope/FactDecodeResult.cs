using System.Diagnostics.CodeAnalysis;

namespace Factline.Envelope;

/// <summary>Either a valid fact or the first problem that prevents one.</summary>
public readonly record struct FactDecodeResult(Fact? Fact, FactProblem? Problem)
{
    [MemberNotNullWhen(true, nameof(Fact))]
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool IsValid => Fact is not null;
}
