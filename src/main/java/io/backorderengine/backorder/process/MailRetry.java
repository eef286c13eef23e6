package io.backorderengine.backorder.process;

import io.backorderengine.notification.MailProperties;
import io.backorderengine.system.ModelBean;
import org.springframework.stereotype.Component;

/**
 * The retry cycle of the email jobs, read by the model as {@code ${mailRetry.cycle}}: how long a
 * failing SMTP server is retried before the job raises an incident in Cockpit is an operator's
 * setting ({@code backorder.mail.retry-cycle}, an ISO 8601 repeating interval).
 */
@Component
@ModelBean(properties = "cycle")
public class MailRetry {

    private final String cycle;

    MailRetry(MailProperties mail) {
        this.cycle = mail.retryCycle();
    }

    public String getCycle() {
        return cycle;
    }
}
