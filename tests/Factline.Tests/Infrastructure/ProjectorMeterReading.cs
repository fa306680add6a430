using System.Diagnostics.Metrics;
using System.Globalization;
using Factline.Projection;

namespace Factline.Tests.Infrastructure;

/// <summary>Reads the instruments of the projector's meter (<see cref="ProjectorMetrics"/>) the way an exporter would.</summary>
public static class ProjectorMeterReading
{
    /// <summary>The current measurements of the projector's meter created by <paramref name="meters"/>, by instrument.</summary>
    public static Dictionary<string, List<(double Value, string? Partition)>> Measure(IMeterFactory meters)
    {
        var measured = new Dictionary<string, List<(double, string?)>>();
        void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            string? partition = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "partition")
                    partition = Convert.ToString(tag.Value, CultureInfo.InvariantCulture);
            }
            if (!measured.TryGetValue(instrument.Name, out var values))
                measured[instrument.Name] = values = [];
            values.Add((value, partition));
        }
        using var listener = new MeterListener();
        // Other services in this test process publish a meter of the same name; only this one's factory is listened to.
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ProjectorMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, meters))
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        listener.Start();
        listener.RecordObservableInstruments();
        return measured;
    }
}
