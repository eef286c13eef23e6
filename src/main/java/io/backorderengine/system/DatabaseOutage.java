package io.backorderengine.system;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Whether a failure means the database is away or saturated (restarting, unreachable, no connection
 * free in the pool, a connection that broke under a transaction) rather than a fault of the request or
 * the code: such a request is answered 503 with Retry-After, and the caller repeats it. Repeating is safe:
 * orders, receipts and purchase orders are idempotent by their ids, so a write whose commit went through
 * before the connection broke is answered with its first result. Recognised by exception type and by SQL state class 08
 * (connection exception) or 57P (PostgreSQL shutting down), wherever in the cause chain.
 */
final class DatabaseOutage {

    /** Seconds a client should wait before retrying. */
    static final String RETRY_AFTER = "5";

    /** What the caller reads in the 503. */
    static final String DETAIL = "the database could not be reached; repeat the request shortly (repeating it is safe)";

    private DatabaseOutage() {}

    static boolean causedBy(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // a commit or rollback that failed: the connection broke under the transaction
            if (t instanceof CannotGetJdbcConnectionException
                    || t instanceof CannotCreateTransactionException
                    || t instanceof DataAccessResourceFailureException
                    || t instanceof SQLTransientConnectionException
                    || t instanceof QueryTimeoutException
                    || t instanceof TransactionSystemException) {
                return true;
            }
            if (t instanceof SQLException sql
                    && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }
}
