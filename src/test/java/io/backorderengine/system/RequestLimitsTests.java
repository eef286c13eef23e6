package io.backorderengine.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import io.backorderengine.support.Api;
import io.backorderengine.support.ApplicationTest;
import io.backorderengine.support.Catalog;
import io.backorderengine.support.TestUsers;
import io.backorderengine.support.WebappSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Limits on every REST surface, replayed as the attacks that got through: a 70 MB start, a count with ten
 * thousand criteria, and errors that showed SQL, class names and versions. Each is refused early with a
 * problem+json body that says what is wrong, and nothing changes.
 */
class RequestLimitsTests extends ApplicationTest {

    @LocalServerPort
    int port;

    private final List<String> deployments = new ArrayList<>();

    @AfterEach
    void removeDeployments() {
        deployments.forEach(id -> processEngine.getRepositoryService().deleteDeployment(id, true, true));
    }

    @Test
    void aSeventyMegabyteStartIsRefusedBeforeItsBodyIsRead() throws IOException {
        long instances = instances();
        String headers = "POST /engine-rest/process-definition/key/backorder/start HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Basic " + basic(TestUsers.SHOP) + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: 73400320\r\n\r\n{\"variables\":{\"blob\":{\"type\":\"Bytes\",\"value\":\"";

        String response = exchange(headers);

        assertThat(response)
                .startsWith("HTTP/1.1 413")
                .contains("application/problem+json")
                .contains("larger than the limit");
        assertThat(instances()).isEqualTo(instances);
    }

    @Test
    void aBodySentInChunksStopsAtTheLimit() throws IOException {
        String chunk = "a".repeat(64 * 1024);
        StringBuilder request =
                new StringBuilder("POST /engine-rest/process-instance/count HTTP/1.1\r\nHost: localhost\r\n"
                        + "Authorization: Basic " + basic(TestUsers.ANALYST) + "\r\nContent-Type: application/json\r\n"
                        + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
        request.append("1\r\n[\r\n");
        for (int i = 0; i < 8; i++) {
            request.append(Integer.toHexString(chunk.length()))
                    .append("\r\n")
                    .append(chunk)
                    .append("\r\n");
        }
        request.append("0\r\n\r\n");

        assertThat(exchange(request.toString())).startsWith("HTTP/1.1 413");
    }

    @Test
    void aQueryWithTenThousandCriteriaIsRefusedAndAThousandAnswered() {
        Api analyst = api.as(TestUsers.ANALYST);
        String ids = String.join(
                ",",
                IntStream.range(0, 10_000).mapToObj(i -> "\"id-" + i + "\"").toList());
        String variables = String.join(
                ",",
                IntStream.range(0, 10_000)
                        .mapToObj(i -> "{\"name\":\"v" + i + "\",\"operator\":\"eq\",\"value\":" + i + "}")
                        .toList());
        String nested = "{\"orQueries\":".repeat(30) + "[]" + "}".repeat(30);

        Api.Response byIds =
                analyst.post("/engine-rest/process-instance/count", "{\"processInstanceIds\":[" + ids + "]}");
        Api.Response byVariables =
                analyst.post("/engine-rest/process-instance/count", "{\"variables\":[" + variables + "]}");
        Api.Response deep = analyst.post("/engine-rest/task/count", nested);
        Api.Response thousand = analyst.post(
                "/engine-rest/process-instance/count",
                "{\"processInstanceIds\":["
                        + String.join(
                                ",",
                                IntStream.range(0, 1_000)
                                        .mapToObj(i -> "\"id-" + i + "\"")
                                        .toList()) + "]}");

        for (Api.Response refused : List.of(byIds, deep)) {
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.body().path("type").asText()).endsWith("request-too-complex");
        }
        // ten thousand variable criteria do not even fit the body limit
        assertThat(byVariables.status()).isEqualTo(413);
        assertThat(thousand.status()).as("%s", thousand.body()).isEqualTo(200);
        assertThat(thousand.body().path("count").asInt()).isZero();
    }

    @Test
    void aServerErrorNamesNoClassNorSqlOnEitherApi() {
        String key = "failing" + Catalog.unique("").replace("-", "");
        Api.Response deployed = api.as(TestUsers.ADMIN).deploy(key, Map.of(key + ".bpmn", """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                    targetNamespace="tests">
                  <process id="%s" isExecutable="true" camunda:historyTimeToLive="P1D">
                    <startEvent id="StartEvent_F"><extensionElements>
                      <camunda:executionListener event="start" expression="${closeCaseListener.close(execution, 'NOT_AN_OUTCOME')}"/>
                    </extensionElements></startEvent>
                  </process>
                </definitions>""".formatted(key)));
        assertThat(deployed.status()).as("%s", deployed.body()).isEqualTo(200);
        deployments.add(deployed.body().path("id").asText());
        WebappSession cockpit = new WebappSession(port);
        assertThat(cockpit.login("cockpit", TestUsers.ADMIN, TestUsers.password(TestUsers.ADMIN)))
                .isEqualTo(200);

        Api.Response rest = api.as(TestUsers.ADMIN).post("/engine-rest/process-definition/key/" + key + "/start", "{}");
        WebappSession.Response webapp =
                cockpit.post("/camunda/api/engine/engine/default/process-definition/key/" + key + "/start", "{}");

        assertThat(rest.status()).isEqualTo(500);
        assertThat(rest.contentType()).startsWith("application/problem+json");
        assertThat(rest.body().path("detail").asText()).contains("reference");
        assertThat(webapp.status()).isEqualTo(500);
        assertThat(webapp.body()).contains("reference");
        for (String body : List.of(rest.body().toString(), webapp.body())) {
            assertThat(body)
                    .doesNotContain("io.backorderengine")
                    .doesNotContain("CaseStatus")
                    .doesNotContain("Exception")
                    .doesNotContain("NOT_AN_OUTCOME");
        }
    }

    @Test
    void aRequestTomcatRefusesShowsNoServerVersion() throws IOException {
        String response = exchange("GET /api/orders/%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 400");
        assertThat(response).doesNotContainIgnoringCase("tomcat").doesNotContain("Exception");
    }

    // -- helpers ---------------------------------------------------------------------------------------

    private long instances() {
        return processEngine
                .getHistoryService()
                .createHistoricProcessInstanceQuery()
                .count();
    }

    private static String basic(String user) {
        return Base64.getEncoder()
                .encodeToString((user + ":" + TestUsers.password(user)).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sends raw bytes and reads one answer: up to the end of its body (the server need not close the
     * connection; after a refused upload Tomcat may wait for the client's remaining bytes).
     */
    private String exchange(String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (SocketException brokenPipe) {
                // the server answered and closed before the rest of a refused body was sent: read its answer
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n = in.read(buffer);
                        n >= 0 && !complete(answer.toString(StandardCharsets.ISO_8859_1));
                        n = in.read(buffer)) {
                    answer.write(buffer, 0, n);
                    if (complete(answer.toString(StandardCharsets.ISO_8859_1))) {
                        break;
                    }
                }
            } catch (SocketException reset) {
                // the server may close without reading a body it refused: what it answered is all there is
            }
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private static boolean complete(String response) {
        int end = response.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        String head = response.substring(0, end).toLowerCase(Locale.ROOT);
        String body = response.substring(end + 4);
        Matcher length = Pattern.compile("content-length: *(\\d+)").matcher(head);
        if (length.find()) {
            return body.length() >= Integer.parseInt(length.group(1));
        }
        return !head.contains("transfer-encoding: chunked") || body.endsWith("0\r\n\r\n");
    }
}
