namespace Factline.Simulator.Flows;

/// <summary>A service that emits facts, as it names itself in the facts' metadata.</summary>
/// <param name="Spec">The TM Forum API the service implements, e.g. "TMF622 v4".</param>
public sealed record ServiceIdentity(string Name, string Version, string Spec);
