package io.backorderengine.inventory;

import io.backorderengine.system.ProblemException;
import org.springframework.http.HttpStatus;

/** A shortfall that no supply covers: the shop must not promise it. Nothing was changed. */
public class BackorderCapExceededException extends ProblemException {

    public BackorderCapExceededException(String sku, int requested, int room) {
        super(
                HttpStatus.CONFLICT,
                "backorder-cap",
                room <= 0
                        ? "no open supply covers more backorders of %s; %d unit(s) cannot be backordered"
                                .formatted(sku, requested)
                        : "open supply covers only %d more unit(s) of %s on backorder, not %d"
                                .formatted(room, sku, requested));
    }
}
