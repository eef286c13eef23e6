package io.backorderengine.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.backorderengine.support.ApplicationTest;
import io.backorderengine.support.Mailbox;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * A mail server that accepts connections and never says a word. Each email job gives up after the mail
 * timeout (2 s in tests), is retried per the retry cycle and ends as an incident; the email is FAILED in
 * the case meanwhile; the node's other jobs keep running; and once the server is back, retrying the
 * incident sends the very same email.
 */
class HangingMailServerTests extends ApplicationTest {

    private static final int STUCK_EMAILS = 8;

    @Autowired
    JavaMailSenderImpl mailSender;

    private ServerSocket silent;
    private final List<Socket> held = new ArrayList<>();

    @AfterEach
    void restoreTheMailServer() throws IOException {
        mailSender.setPort(SMTP.getSmtp().getPort());
        if (silent != null) {
            silent.close();
        }
        for (Socket socket : held) {
            socket.close();
        }
    }

    @Test
    void aSilentMailServerCostsFailedTriesNotTheJobExecutor() throws Exception {
        String waiting = placedCase("HANG-W", "STANDARD", catalog.product(0), 1);
        await().until(() -> api.backorder(waiting)
                .path("emails")
                .path(0)
                .path("state")
                .asText()
                .equals("SENT"));
        hangTheMailServer();
        List<String> stuck = new ArrayList<>();
        for (int i = 0; i < STUCK_EMAILS; i++) {
            stuck.add(placedCase("HANG", "STANDARD", catalog.product(0), 1));
        }

        // more hanging emails than job threads: without timeouts no other job would ever run again
        Job maxWait = processEngine
                .getManagementService()
                .createJobQuery()
                .processInstanceId(instance(waiting))
                .timers()
                .activityId("Event_MaxWaitReached")
                .singleResult();
        processEngine.getManagementService().setJobDuedate(maxWait.getId(), new Date(0));
        await("the other case's timer ran while the mail server hangs")
                .atMost(Duration.ofSeconds(20))
                .until(() -> processEngine
                                .getTaskService()
                                .createTaskQuery()
                                .processInstanceBusinessKey(waiting)
                                .taskDefinitionKey("UserTask_ResolveEscalation")
                                .count()
                        == 1);

        String first = stuck.get(0);
        await("the email is FAILED in the case")
                .until(() -> email(first).path("state").asText().equals("FAILED"));
        assertThat(email(first).path("failure").asText()).containsIgnoringCase("timed out");
        await("retried per the cycle, then an incident")
                .atMost(Duration.ofSeconds(40))
                .until(() -> incident(first) != null);
        assertThat(emailJob(first).getRetries()).isZero();
        assertThat(email(first).path("state").asText()).isEqualTo("FAILED");

        mailSender.setPort(SMTP.getSmtp().getPort());
        String messageId = email(first).path("messageId").asText();
        processEngine.getManagementService().setJobRetries(emailJob(first).getId(), 1);

        await("sent once the server is back")
                .until(() -> email(first).path("state").asText().equals("SENT"));
        assertThat(email(first).path("messageId").asText()).isEqualTo(messageId);
        assertThat(Mailbox.to(SMTP, "customer-" + first.substring(0, first.length() - 2) + "@example.com"))
                .extracting(Mailbox::messageId)
                .containsExactly(messageId);
    }

    /** A server socket that accepts every connection and answers nothing. */
    private void hangTheMailServer() throws IOException {
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(
                () -> {
                    while (!silent.isClosed()) {
                        try {
                            Socket socket = silent.accept();
                            synchronized (held) {
                                held.add(socket);
                            }
                        } catch (IOException closed) {
                            return;
                        }
                    }
                },
                "silent-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
        mailSender.setPort(silent.getLocalPort());
    }

    private JsonNode email(String caseId) {
        return api.backorder(caseId).path("emails").path(0);
    }

    private Job emailJob(String caseId) {
        return processEngine
                .getManagementService()
                .createJobQuery()
                .processInstanceId(instance(caseId))
                .activityId("Task_SendBackorderNotice")
                .singleResult();
    }

    private String instance(String caseId) {
        return instanceId(caseId);
    }

    private Object incident(String caseId) {
        return processEngine
                .getRuntimeService()
                .createIncidentQuery()
                .processInstanceId(emailJob(caseId).getProcessInstanceId())
                .singleResult();
    }
}
