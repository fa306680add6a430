using System.Text;
using Confluent.Kafka;

namespace Factline.Tests.Infrastructure;

/// <summary>Headers of records read back with <see cref="TopicReader"/>, as the UTF-8 text producers write them.</summary>
public static class RecordHeaders
{
    /// <exception cref="KeyNotFoundException">The record has no header of that name.</exception>
    public static string HeaderText(this ConsumeResult<string?, byte[]?> record, string name) =>
        Encoding.UTF8.GetString(record.Message.Headers.GetLastBytes(name));
}
