package io.backorderengine.inventory;

import java.util.List;
import java.util.function.Function;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The shop's catalog and stock: suppliers, products, substitutes, stock counts and adjustments
 * uploaded in bulk (a JSON array per call, each item decided by its id and answered item by item), and a
 * product's stock picture.
 */
@RestController
@RequestMapping(path = "/api/inventory", produces = MediaType.APPLICATION_JSON_VALUE)
class CatalogController {

    /** Within the catalog body limit ({@code backorder.api.max-catalog-size}) with room to spare. */
    static final int MAX_ITEMS = 20_000;

    private final CatalogImport catalog;
    private final StockChanges stockChanges;
    private final StockPictures pictures;

    CatalogController(CatalogImport catalog, StockChanges stockChanges, StockPictures pictures) {
        this.catalog = catalog;
        this.stockChanges = stockChanges;
        this.pictures = pictures;
    }

    @PutMapping("/suppliers")
    BulkResult suppliers(@RequestBody List<CatalogItems.Supplier> items) {
        return once(items, catalog::suppliers);
    }

    @PutMapping("/products")
    BulkResult products(@RequestBody List<CatalogItems.Product> items) {
        return once(items, catalog::products);
    }

    @PutMapping("/substitutes")
    BulkResult substitutes(@RequestBody List<CatalogItems.Substitute> items) {
        return once(items, catalog::substitutes);
    }

    /** Stock counts and adjustments, each booked once per change id (a repeat answers unchanged). */
    @PutMapping("/stock-changes")
    BulkResult stockChanges(@RequestBody List<CatalogItems.StockChange> items) {
        return once(items, stockChanges::book);
    }

    @GetMapping("/products/{sku}")
    StockPicture product(@PathVariable String sku) {
        return pictures.of(sku).orElseThrow(() -> new ProductNotFoundException(sku));
    }

    private static <T> BulkResult once(List<T> items, Function<List<T>, BulkResult> upload) {
        if (items.size() > MAX_ITEMS) {
            throw new InvalidUploadException(
                    "has %,d items; an upload takes at most %,d".formatted(items.size(), MAX_ITEMS));
        }
        try {
            return upload.apply(items);
        } catch (DuplicateKeyException createdConcurrently) {
            // another upload created some of these ids a moment ago: this one now finds them and updates
            return upload.apply(items);
        }
    }
}
