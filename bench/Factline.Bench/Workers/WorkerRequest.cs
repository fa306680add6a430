using System.Text.Json.Serialization;
using Factline.Bench.Http;
using Factline.Bench.Ingest;
using Factline.Bench.Queries;
using Factline.Bench.Scan;

namespace Factline.Bench.Workers;

/// <summary>
/// What a worker process is asked to do. Each measurement runs in a fresh process so that its peak
/// resident memory and its heap belong to that measurement alone.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "worker")]
[JsonDerivedType(typeof(IngestRequest), "ingest")]
[JsonDerivedType(typeof(QueryRequest), "query")]
[JsonDerivedType(typeof(ServeRequest), "serve")]
[JsonDerivedType(typeof(ScanRequest), "scan")]
public abstract record WorkerRequest;
