namespace Factline.Cli.Commands;

/// <summary>What the demo prints at start: where things are and commands to copy.</summary>
internal static class DemoBanner
{
    private const string ExampleFact =
        """{"eventId":"demo-1","correlationId":"PO-DEMO-1","messageId":"msg-demo-1","recordType":"INGRESS","eventType":"ProductOrderCreateEvent","stage":"ingress.http","outcome":"SUCCESS","timestamp":"2026-11-26T10:15:30.123Z","metadata":{"producer":"me","version":"1","spec":"TMF622 v4"}}""";

    public static void Print(string bootstrap, string api, string topic, string deadLetterTopic)
    {
        var events = $"{api}/tmf-api/event/v4/event";
        var timelines = $"{api}/tmf-api/event/v4/timeline";
        Console.WriteLine($"""

            Factline demo is running.
              Kafka (dev broker)  {bootstrap}   topic {topic}, dead letters {deadLetterTopic}
              API                 {api}/tmf-api/event/v4
              API reference       {api}/docs

            Look at the simulated traffic:
              curl -s '{events}?limit=5'
              curl -s '{events}?recordType=INGRESS&limit=1'                 # pick a correlationId, then:
              curl -s '{events}?correlationId=<correlationId>'               # its facts, in order
              curl -s '{timelines}/<correlationId>'                          # its timeline: stages, state and why
              curl -si '{events}?stage=deadletter&outcome=ERROR&limit=3'     # transactions that gave up

            Send your own fact and find it:
              echo '{ExampleFact}' | kcat -b {bootstrap} -X partitioner=murmur2_random -P -t {topic} -k PO-DEMO-1
              curl -s '{events}/demo-1'
              curl -s '{events}?messageId=msg-demo-1'
              kcat -b {bootstrap} -C -t {topic} -o -3 -e -f '%p@%o key=%k %s\n'

            Send something broken: it is quarantined, and written to the dead-letter topic with where and why:
              echo 'not json' | kcat -b {bootstrap} -X partitioner=murmur2_random -P -t {topic} -k PO-DEMO-1
              curl -s '{api}/tmf-api/event/v4/quarantine?key=PO-DEMO-1'
              kcat -b {bootstrap} -C -t {deadLetterTopic} -e -f '%h\n%s\n'

            Ctrl+C stops the demo.
            """);
    }
}
