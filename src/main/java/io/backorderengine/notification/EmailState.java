package io.backorderengine.notification;

/** Where an email of the communication log stands; stored by name in {@code communication.state} (a CHECK lists them). */
public enum EmailState {
    /** Being handed to the SMTP server right now; its complete message is kept until it is confirmed. */
    SENDING,
    /** Accepted by the SMTP server. */
    SENT,
    /**
     * The server could not be reached, or the node handing it over stopped; the email's job sends the same
     * message again when it retries.
     */
    FAILED,
    /** Rendered and kept here because no SMTP server is configured. */
    LOGGED,
    /** No address, or the server refused it for good. */
    UNDELIVERABLE,
    /** The mail provider reported it back. */
    BOUNCED
}
