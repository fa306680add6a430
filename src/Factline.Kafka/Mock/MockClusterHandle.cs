using System.Runtime.InteropServices;

namespace Factline.Kafka.Mock;

/// <summary>
/// Owns a mock cluster and the librdkafka instance it lives in. As a SafeHandle it cannot be
/// destroyed while another thread is inside a native call that uses it.
/// </summary>
internal sealed class MockClusterHandle : SafeHandle
{
    private readonly nint _owner;

    public MockClusterHandle(nint cluster, nint owner) : base(0, ownsHandle: true)
    {
        _owner = owner;
        SetHandle(cluster);
    }

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle()
    {
        // The cluster lives inside its owner instance, so it must go first.
        MockClusterNative.rd_kafka_mock_cluster_destroy(handle);
        MockClusterNative.rd_kafka_destroy(_owner);
        return true;
    }
}
