namespace Factline.Bench.Queries;

/// <summary>
/// One kind of query with its prepared variants (one per sampled identifier). <see cref="Run"/> answers
/// variant i and returns how many facts came back.
/// </summary>
/// <param name="MustFindFacts">Every variant asks for facts that exist, so an empty answer is a bug, not a result.</param>
internal sealed record QueryScenario(string Name, int Variants, bool MustFindFacts, Func<int, CancellationToken, Task<int>> Run);
