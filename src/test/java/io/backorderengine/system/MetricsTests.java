package io.backorderengine.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.backorderengine.support.ApplicationTest;
import io.backorderengine.support.Catalog;
import io.backorderengine.support.TestUsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** What an operator watches: Prometheus metrics for a scraper, and log lines that name their case. */
@ExtendWith(OutputCaptureExtension.class)
class MetricsTests extends ApplicationTest {

    @Autowired
    TestRestTemplate rest;

    @Test
    void aScraperReadsTheCasesEmailsEngineAndWebhookFiguresAndNothingElse() {
        double sentBefore = value(scrape(), "backorder_emails_sent_total");
        String caseId = placedCase("METRIC", "STANDARD", catalog.product(0), 1);
        awaitWaiting(caseId);
        api.receive(Catalog.unique("RCPT"), catalog.product(5), 1);

        String metrics = await().until(this::scrape, m -> value(m, "backorder_emails_sent_total") > sentBefore);

        assertThat(value(metrics, "backorder_cases{status=\"OPEN\"}")).isGreaterThanOrEqualTo(1);
        assertThat(metrics)
                .contains("backorder_cases{status=\"FULFILLED\"}")
                .contains("backorder_cases{status=\"CANCELLED\"}")
                .contains("backorder_cases_escalated ")
                .contains("backorder_intake_starts_queued ")
                .contains("backorder_emails_failed ")
                .contains("backorder_emails_bounced_total ")
                .contains("backorder_webhooks_failed_total ")
                .contains("backorder_webhooks_deliveries{state=\"DEAD\"}")
                .contains("backorder_allocation_seconds_count ")
                .contains("backorder_engine_incidents ")
                .contains("backorder_engine_jobs_due ")
                .contains("backorder_engine_jobs_oldest_due_seconds ");
        assertThat(value(metrics, "backorder_engine_jobs_oldest_due_seconds")).isGreaterThanOrEqualTo(0);

        assertThat(get("/actuator/prometheus", null).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(get("/actuator/prometheus", TestUsers.AGENT).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(get("/actuator/prometheus", TestUsers.ADMIN).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(get("/actuator/env", TestUsers.MONITOR).getStatusCode())
                .isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
        assertThat(api.as(TestUsers.MONITOR).get("/api/events").status()).isEqualTo(403);
        assertThat(api.as(TestUsers.MONITOR).get("/api/backorders?size=1").status())
                .isEqualTo(403);
    }

    @Test
    void aCasesLogLinesNameTheCaseAndTheOrder(CapturedOutput output) {
        Logger notifications = (Logger) LoggerFactory.getLogger("io.backorderengine.notification.Notifications");
        Level level = notifications.getLevel();
        notifications.setLevel(Level.INFO);
        try {
            String caseId = placedCase("LOGGED", "STANDARD", catalog.product(0), 1);
            String orderId = caseId.substring(0, caseId.lastIndexOf('-'));

            // written on a job executor thread: the engine puts the case (its business key) in the MDC
            await().until(() -> output.getOut()
                    .lines()
                    .anyMatch(line -> line.contains("[case " + caseId + "] ")
                            && line.contains("Email backorder-notice for order " + orderId + " sent")));
        } finally {
            notifications.setLevel(level);
        }
    }

    private String scrape() {
        ResponseEntity<String> answer = get("/actuator/prometheus", TestUsers.MONITOR);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        return answer.getBody();
    }

    private ResponseEntity<String> get(String path, String user) {
        TestRestTemplate caller = user == null ? rest : rest.withBasicAuth(user, TestUsers.password(user));
        return caller.getForEntity(path, String.class);
    }

    /** The value of a sample, by its name and labels as the exposition format writes them. */
    private static double value(String metrics, String sample) {
        Matcher line =
                Pattern.compile("(?m)^" + Pattern.quote(sample) + " (\\S+)$").matcher(metrics);
        assertThat(line.find()).as("sample %s", sample).isTrue();
        return Double.parseDouble(line.group(1));
    }
}
