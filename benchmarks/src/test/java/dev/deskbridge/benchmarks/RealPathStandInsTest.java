package dev.deskbridge.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The real-path benchmark's stand-ins answer what the host asks when a send's answer was lost. */
class RealPathStandInsTest {
    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void theCloudApiStandInKeepsWhatASendCarriedForItsStatusesToEcho() throws Exception {
        RealPathBenchmark.MetaFake meta = new RealPathBenchmark.MetaFake();
        try {
            HttpResponse<String> sent = client.send(HttpRequest.newBuilder(URI.create(meta.url() + "/v21.0/1/messages"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"messaging_product\":\"whatsapp\","
                            + "\"to\":\"+4915112345\",\"type\":\"text\",\"text\":{\"body\":\"hi\"},"
                            + "\"biz_opaque_callback_data\":\"949\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());

            String wamid = meta.wamidTo.get("4915112345");
            assertThat(sent.body()).contains(wamid);
            assertThat(meta.callbackDataOf).containsEntry(wamid, "949");
        } finally {
            meta.server.close();
        }
    }

    @Test
    void theZendeskStandInAnswersTheAuditsReadWithNoAudits() throws Exception {
        RealPathBenchmark.ZendeskFake zendesk = new RealPathBenchmark.ZendeskFake();
        try {
            HttpResponse<String> audits = client.send(HttpRequest.newBuilder(URI.create(zendesk.url()
                    + "/api/v2/tickets/101895/audits.json?sort_order=desc&per_page=100")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(audits.statusCode()).isEqualTo(200);
            assertThat(audits.body()).contains("\"audits\":[]");
            assertThat(zendesk.counts()).containsEntry("audits read", 1L);
        } finally {
            zendesk.server.close();
        }
    }

    @Test
    void theZendeskStandInCountsANoteForTheAgentsApartFromTheCustomersComments() throws Exception {
        RealPathBenchmark.ZendeskFake zendesk = new RealPathBenchmark.ZendeskFake();
        try {
            put(zendesk, "{\"ticket\":{\"comment\":{\"body\":\"Where is it?\",\"public\":true}}}");
            put(zendesk, "{\"ticket\":{\"comment\":{\"body\":\"The customer may have received this twice\","
                    + "\"public\":false}}}");

            assertThat(zendesk.customerComments.sum()).isEqualTo(1);
            assertThat(zendesk.counts()).containsEntry("ticket update with comment", 1L)
                    .containsEntry("ticket update with internal note", 1L);
        } finally {
            zendesk.server.close();
        }
    }

    private void put(RealPathBenchmark.ZendeskFake zendesk, String body) throws Exception {
        client.send(HttpRequest.newBuilder(URI.create(zendesk.url() + "/api/v2/tickets/101895.json"))
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
