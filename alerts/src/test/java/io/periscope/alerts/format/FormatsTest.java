package io.periscope.alerts.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.periscope.alerts.outbox.AlertKind;
import io.periscope.alerts.outbox.OutboxEntry;
import io.periscope.events.detection.IncidentChange;
import io.periscope.events.detection.Severity;
import io.periscope.events.kafka.EventJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FormatsTest {
    private static final IncidentLinks LINKS = new IncidentLinks("https://periscope.example.test/");

    @Test
    void everyPeriscopeJsonEventValidatesAgainstTheDocumentedSchema() throws Exception {
        String doc = Files.readString(Path.of("../docs/alerts.md"));
        String block = doc.substring(doc.indexOf("<!-- schema:begin -->"), doc.indexOf("<!-- schema:end -->"));
        JsonNode schemaNode = EventJson.mapper().readTree(block.substring(block.indexOf("```json") + 7, block.lastIndexOf("```")));
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaNode);
        PeriscopeJsonFormatter f = new PeriscopeJsonFormatter(LINKS);
        for (OutboxEntry e : Fixtures.everyKind()) {
            ObjectNode event = f.render(e, null, Fixtures.T);
            Set<ValidationMessage> errors = schema.validate(event);
            assertThat(errors).as(e.kind() + ": " + event).isEmpty();
            assertThat(event.get("id").asText()).isEqualTo(e.webhookId());
        }
        ObjectNode broken = f.render(Fixtures.everyKind().get(0), null, Fixtures.T);
        broken.remove("incident");
        assertThat(schema.validate(broken)).as("an incident event without its incident").isNotEmpty();
    }

    @Test
    void ocsfDetectionFindingCarriesClassCategoryActivityAndSeverityIds() {
        OcsfFormatter f = new OcsfFormatter(LINKS);
        ObjectNode opened = f.render(Fixtures.of(AlertKind.INCIDENT_OPENED, Fixtures.incident(IncidentChange.OPENED, Severity.HIGH)), null, 0);
        assertThat(opened.get("class_uid").asInt()).isEqualTo(2004);
        assertThat(opened.get("category_uid").asInt()).isEqualTo(2);
        assertThat(opened.get("activity_id").asInt()).isEqualTo(1);
        assertThat(opened.get("type_uid").asInt()).isEqualTo(200401);
        assertThat(opened.get("severity_id").asInt()).isEqualTo(4);
        assertThat(opened.get("time").asLong()).isEqualTo(Fixtures.T);
        assertThat(opened.at("/metadata/product/name").asText()).isEqualTo("Periscope");
        assertThat(opened.at("/metadata/version").asText()).startsWith("1.");
        assertThat(opened.at("/finding_info/uid").asText()).isEqualTo("inc-42");
        assertThat(opened.at("/finding_info/types/0").asText()).isEqualTo("SQL_INJECTION");
        assertThat(opened.at("/finding_info/src_url").asText()).isEqualTo("https://periscope.example.test/#/incidents/inc-42");
        assertThat(opened.at("/src_endpoint/ip").asText()).isEqualTo("203.0.113.7");

        ObjectNode escalated = f.render(Fixtures.of(AlertKind.INCIDENT_ESCALATED, Fixtures.incident(IncidentChange.ESCALATED, Severity.CRITICAL)), null, 0);
        assertThat(escalated.get("activity_id").asInt()).isEqualTo(2);
        assertThat(escalated.get("severity_id").asInt()).isEqualTo(5);
        ObjectNode resolved = f.render(Fixtures.of(AlertKind.INCIDENT_RESOLVED, Fixtures.incident(IncidentChange.RESOLVED, Severity.LOW)), null, 0);
        assertThat(resolved.get("activity_id").asInt()).isEqualTo(3);
        assertThat(resolved.get("type_uid").asInt()).isEqualTo(200403);
        assertThat(resolved.get("severity_id").asInt()).isEqualTo(2);
        assertThat(resolved.get("status_id").asInt()).isEqualTo(4);
    }

    @Test
    void pagerDutyTriggersAndResolvesOnTheIncidentIdWithTheDestinationsRoutingKey() {
        PagerDutyFormatter f = new PagerDutyFormatter(LINKS);
        ObjectNode trigger = f.render(Fixtures.of(AlertKind.INCIDENT_OPENED, Fixtures.incident(IncidentChange.OPENED, Severity.CRITICAL)), "R0UT1NG", 0);
        assertThat(trigger.get("routing_key").asText()).isEqualTo("R0UT1NG");
        assertThat(trigger.get("event_action").asText()).isEqualTo("trigger");
        assertThat(trigger.get("dedup_key").asText()).isEqualTo("inc-42");
        assertThat(trigger.at("/payload/severity").asText()).isEqualTo("critical");
        assertThat(trigger.at("/payload/source").asText()).isEqualTo("periscope");
        assertThat(trigger.at("/links/0/href").asText()).isEqualTo("https://periscope.example.test/#/incidents/inc-42");
        ObjectNode resolve = f.render(Fixtures.of(AlertKind.INCIDENT_RESOLVED, Fixtures.incident(IncidentChange.RESOLVED, Severity.HIGH)), "R0UT1NG", 0);
        assertThat(resolve.get("event_action").asText()).isEqualTo("resolve");
        assertThat(resolve.get("dedup_key").asText()).isEqualTo("inc-42");
        assertThat(resolve.has("payload")).isFalse();
    }

    @Test
    void slackMessageSaysWhoWhatWhereHowBadAndLinksToTheIncident() {
        SlackFormatter f = new SlackFormatter(LINKS);
        ObjectNode msg = f.render(Fixtures.of(AlertKind.INCIDENT_OPENED, Fixtures.incident(IncidentChange.OPENED, Severity.HIGH)), null, 0);
        String fields = msg.at("/blocks/1/fields").toString();
        assertThat(fields).contains("*Who*").contains("203.0.113.7").contains("*What*").contains("SQL_INJECTION")
                .contains("*Where*").contains("GET /users/{id}").contains("*How bad*").contains("HIGH");
        assertThat(msg.at("/blocks/0/type").asText()).isEqualTo("header");
        assertThat(msg.at("/blocks/2/elements/0/url").asText()).isEqualTo("https://periscope.example.test/#/incidents/inc-42");
        assertThat(msg.get("text").asText()).contains("Incident opened");
    }

    @Test
    void enforcementFindingsSayWhatHappenedAndWhatToDoInEveryFormat() {
        OutboxEntry cap = Fixtures.everyKind().stream().filter(e -> e.kind() == AlertKind.ENFORCEMENT_CAP_REACHED)
                .findFirst().orElseThrow();
        OutboxEntry ineffective = Fixtures.everyKind().stream()
                .filter(e -> e.kind() == AlertKind.ENFORCEMENT_BLOCK_INEFFECTIVE).findFirst().orElseThrow();

        ObjectNode json = new PeriscopeJsonFormatter(LINKS).render(cap, null, 0);
        assertThat(json.get("type").asText()).isEqualTo("enforcement.cap_reached");
        assertThat(json.get("title").asText()).isEqualTo("Auto-blocking stopped: cap of 50 automatic blocks per hour reached");
        assertThat(json.at("/enforcement/kind").asText()).isEqualTo("CAP_REACHED");
        assertThat(json.get("link").asText()).isEqualTo("https://periscope.example.test/#/blocks");

        ObjectNode slack = new SlackFormatter(LINKS).render(ineffective, null, 0);
        assertThat(slack.at("/blocks/0/text/text").asText()).isEqualTo("Block not effective: 203.0.113.7/32 still reaches the application");
        assertThat(slack.at("/blocks/1/fields").toString()).contains("web ACL is associated").contains("HIGH");

        ObjectNode ocsf = new OcsfFormatter(LINKS).render(ineffective, null, 0);
        assertThat(ocsf.get("class_uid").asInt()).isEqualTo(2004);
        assertThat(ocsf.get("severity_id").asInt()).isEqualTo(4);
        assertThat(ocsf.at("/finding_info/uid").asText()).isEqualTo("ineffective-b1");
        assertThat(ocsf.at("/finding_info/types/0").asText()).isEqualTo("enforcement.block_ineffective");
        assertThat(ocsf.at("/src_endpoint/ip").asText()).isEqualTo("203.0.113.7");

        ObjectNode pd = new PagerDutyFormatter(LINKS).render(cap, "R0UT1NG", 0);
        assertThat(pd.get("event_action").asText()).isEqualTo("trigger");
        assertThat(pd.get("dedup_key").asText()).isEqualTo("msg_enf_cap-per-hour-1764000000");
        assertThat(pd.at("/payload/severity").asText()).isEqualTo("error");
        assertThat(pd.at("/payload/custom_details/remedy").asText()).contains("max-new-per-hour");
    }

    @Test
    void slackEscapesWhatAnAttackerControlsSoAPathCannotMentionAChannel() {
        assertThat(SlackFormatter.escape("<!channel> & <https://evil|x>")).isEqualTo("&lt;!channel&gt; &amp; &lt;https://evil|x&gt;");
    }
}
