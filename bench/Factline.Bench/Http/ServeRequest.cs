using Factline.Bench.Corpus;
using Factline.Bench.Stores;
using Factline.Bench.Workers;

namespace Factline.Bench.Http;

/// <summary>Serve a filled store the way <c>factline serve</c> does, projector included, until the bench says stop.</summary>
public sealed record ServeRequest(TopicSource Source, string Store, StoreSlot Slot, string Url) : WorkerRequest;

/// <summary>The server's memory: its peak over the whole load, and what it held at the end (of which file-backed: mapped database pages and code).</summary>
public sealed record ServeMeasurement(long PeakResidentBytes, long ResidentBytes, long FileBackedBytes);
