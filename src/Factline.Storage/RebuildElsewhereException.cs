namespace Factline.Storage;

/// <summary>Another instance sharing the store is rebuilding the projection: one rebuild at a time.</summary>
public sealed class RebuildElsewhereException(string message) : InvalidOperationException(message);
