namespace Factline.Simulator.Flows.Catalog;

/// <summary>TMF642 alarm handling: correlate the raised alarm, open a trouble ticket, acknowledge it.</summary>
internal static class AlarmFlow
{
    private static readonly ServiceIdentity AlarmService = new("alarm-svc", "1.3.0", "TMF642 v4");

    public static readonly FlowTemplate Template = new(
        Name: "TMF642 Alarm",
        CorrelationPrefix: "AL",
        EventType: "AlarmCreateEvent",
        EntityType: "Alarm",
        IdField: "alarmId",
        ItemsField: "alarmedObject",
        ItemAction: "raise",
        Items: ["olt-ams-03/1/4", "bng-rtm-01", "ont-7731204", "dslam-utr-12"],
        Channels: ["snmp", "netconf"],
        Owner: AlarmService,
        IngressStage: "ingress.kafka",
        Stages:
        [
            new("validation", AlarmService, "alarm.validate", 1, 6, 1_000,
                [new("VAL-400", "perceivedSeverity is missing", Retryable: false)]),
            new("correlation", AlarmService, "alarm.correlate", 10, 80, 2_000, []),
            new("adapter.ticketing", new("ticketing-adapter", "2.0.0", "TMF621 v4"), "troubleTicket.create", 60, 350, 4_000,
                [new("TKT-503", "trouble ticket system unavailable (HTTP 503)", Retryable: true, HttpStatus: 503)]),
        ],
        TerminalStage: "alarm.acknowledged");
}
