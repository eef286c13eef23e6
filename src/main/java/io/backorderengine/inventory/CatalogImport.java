package io.backorderengine.inventory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import io.backorderengine.system.CustomerFormats;
import io.backorderengine.system.RecordRows;
import jakarta.validation.Validator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Loads a shop's catalog in bulk: suppliers, products and substitutes, each item created, updated or
 * left as it is by its id, so the same upload sent again changes nothing. Items are decided one by one
 * and written together in one transaction; a refused item is answered with why and writes nothing.
 * Stock is not part of the catalog: a new product starts with nothing on hand.
 */
@Service
class CatalogImport {

    private static final Logger log = LoggerFactory.getLogger(CatalogImport.class);
    /** Existing rows are read this many ids at a time (an IN list each). */
    private static final int CHUNK = 1_000;

    private static final RecordRows<CatalogItems.Supplier> SUPPLIER_ROWS = RecordRows.of(CatalogItems.Supplier.class);
    private static final RecordRows<CatalogItems.Product> PRODUCT_ROWS = RecordRows.of(CatalogItems.Product.class);

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final Validator validator;
    private final ApplicationEventPublisher events;

    CatalogImport(JdbcClient jdbc, JdbcTemplate batch, Validator validator, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.validator = validator;
        this.events = events;
    }

    @Transactional
    BulkResult suppliers(List<CatalogItems.Supplier> items) {
        BulkUpload<CatalogItems.Supplier> upload =
                BulkUpload.screen(items, CatalogItems.Supplier::supplierId, "supplierId", validator);
        Map<String, CatalogItems.Supplier> stored = byId(
                upload.ids(),
                "select supplier_id, name, lead_time_days from supplier where supplier_id in (:ids)",
                SUPPLIER_ROWS,
                CatalogItems.Supplier::supplierId);
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> updates = new ArrayList<>();
        List<CatalogItems.Supplier> newLeadTimes = new ArrayList<>();
        BulkResult result = upload.decide(supplier -> {
            CatalogItems.Supplier before = stored.get(supplier.supplierId());
            if (before == null) {
                inserts.add(new Object[] {supplier.supplierId(), supplier.name(), supplier.leadTimeDays()});
                return BulkUpload.Verdict.CREATED;
            }
            if (before.equals(supplier)) {
                return BulkUpload.Verdict.UNCHANGED;
            }
            updates.add(new Object[] {supplier.name(), supplier.leadTimeDays(), supplier.supplierId()});
            if (!before.leadTimeDays().equals(supplier.leadTimeDays())) {
                newLeadTimes.add(supplier);
            }
            return BulkUpload.Verdict.UPDATED;
        });
        batch.batchUpdate("insert into supplier (supplier_id, name, lead_time_days) values (?, ?, ?)", inserts);
        batch.batchUpdate("update supplier set name = ?, lead_time_days = ? where supplier_id = ?", updates);
        // in this transaction: the waiting cases' re-promises are stored with the new lead time
        for (CatalogItems.Supplier supplier : newLeadTimes) {
            List<String> waiting = jdbc.sql(
                            "select sku from product where supplier_id = ? and waiting_units > 0 order by sku")
                    .param(supplier.supplierId())
                    .query(String.class)
                    .list();
            if (!waiting.isEmpty()) {
                events.publishEvent(new LeadTimeChanged(
                        supplier.supplierId(),
                        stored.get(supplier.supplierId()).leadTimeDays(),
                        supplier.leadTimeDays(),
                        waiting));
            }
        }
        return logged("suppliers", result);
    }

    @Transactional
    BulkResult products(List<CatalogItems.Product> items) {
        BulkUpload<CatalogItems.Product> upload = BulkUpload.screen(items, CatalogItems.Product::sku, "sku", validator);
        Map<String, CatalogItems.Product> stored = byId(upload.ids(), """
                        select sku, name, category, unit_price, cast(null as varchar(3)) as currency, supplier_id, backorder_cap
                        from product where sku in (:ids)""", PRODUCT_ROWS, CatalogItems.Product::sku);
        Set<String> suppliers = existing(
                items.stream()
                        .filter(Objects::nonNull)
                        .map(CatalogItems.Product::supplierId)
                        .filter(Objects::nonNull)
                        .distinct()
                        .toList(),
                "select supplier_id from supplier where supplier_id in (:ids)");
        String currency = CustomerFormats.currency().getCurrencyCode();
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> updates = new ArrayList<>();
        BulkResult result = upload.decide(product -> {
            if (product.currency() != null && !product.currency().equals(currency)) {
                return BulkUpload.Verdict.refused(
                        "currency", "must be %s: the shop's prices are all in it".formatted(currency));
            }
            if (!suppliers.contains(product.supplierId())) {
                return BulkUpload.Verdict.refused(
                        "supplierId", "unknown supplier %s: upload it first".formatted(product.supplierId()));
            }
            CatalogItems.Product before = stored.get(product.sku());
            if (before == null) {
                inserts.add(new Object[] {
                    product.sku(),
                    product.name(),
                    product.category(),
                    product.unitPrice(),
                    product.supplierId(),
                    product.backorderCap()
                });
                return BulkUpload.Verdict.CREATED;
            }
            if (same(before, product)) {
                return BulkUpload.Verdict.UNCHANGED;
            }
            updates.add(new Object[] {
                product.name(),
                product.category(),
                product.unitPrice(),
                product.supplierId(),
                product.backorderCap(),
                product.sku()
            });
            return BulkUpload.Verdict.UPDATED;
        });
        batch.batchUpdate("""
                        insert into product (sku, name, category, unit_price, supplier_id, backorder_cap, on_hand, waiting_units)
                        values (?, ?, ?, ?, ?, ?, 0, 0)""", inserts);
        batch.batchUpdate("""
                        update product set name = ?, category = ?, unit_price = ?, supplier_id = ?, backorder_cap = ?
                        where sku = ?""", updates);
        return logged("products", result);
    }

    @Transactional
    BulkResult substitutes(List<CatalogItems.Substitute> items) {
        BulkUpload<CatalogItems.Substitute> upload =
                BulkUpload.screen(items, CatalogItems.Substitute::key, "substituteSku", validator);
        Set<String> skus = new HashSet<>();
        items.stream().filter(Objects::nonNull).forEach(s -> {
            skus.add(s.sku());
            skus.add(s.substituteSku());
        });
        skus.remove(null);
        Set<String> known = existing(skus, "select sku from product where sku in (:ids)");
        Set<String> related = new HashSet<>();
        for (List<String> chunk : chunks(new ArrayList<>(known))) {
            jdbc.sql("select sku, substitute_sku from substitute where sku in (:ids)")
                    .param("ids", chunk)
                    .query((row, n) -> row.getString(1) + " -> " + row.getString(2))
                    .list()
                    .forEach(related::add);
        }
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> deletes = new ArrayList<>();
        BulkResult result = upload.decide(link -> {
            if (link.sku().equals(link.substituteSku())) {
                return BulkUpload.Verdict.refused("substituteSku", "must be another SKU than sku");
            }
            for (String field : List.of("sku", "substituteSku")) {
                String sku = field.equals("sku") ? link.sku() : link.substituteSku();
                if (!known.contains(sku)) {
                    return BulkUpload.Verdict.refused(field, "unknown SKU %s: upload the product first".formatted(sku));
                }
            }
            boolean exists = related.contains(link.key());
            if (Boolean.TRUE.equals(link.remove())) {
                if (!exists) {
                    return BulkUpload.Verdict.UNCHANGED;
                }
                deletes.add(new Object[] {link.sku(), link.substituteSku()});
                return BulkUpload.Verdict.REMOVED;
            }
            if (exists) {
                return BulkUpload.Verdict.UNCHANGED;
            }
            inserts.add(new Object[] {link.sku(), link.substituteSku()});
            return BulkUpload.Verdict.CREATED;
        });
        batch.batchUpdate("insert into substitute (sku, substitute_sku) values (?, ?)", inserts);
        batch.batchUpdate("delete from substitute where sku = ? and substitute_sku = ?", deletes);
        return logged("substitutes", result);
    }

    private static boolean same(CatalogItems.Product stored, CatalogItems.Product wanted) {
        return stored.name().equals(wanted.name())
                && Objects.equals(stored.category(), wanted.category())
                && stored.unitPrice().compareTo(wanted.unitPrice()) == 0
                && stored.supplierId().equals(wanted.supplierId())
                && Objects.equals(stored.backorderCap(), wanted.backorderCap());
    }

    private <R extends Record> Map<String, R> byId(
            List<String> ids, String sql, RecordRows<R> rows, Function<R, String> id) {
        Map<String, R> stored = new HashMap<>();
        for (List<String> chunk : chunks(ids)) {
            jdbc.sql(sql).param("ids", chunk).query(rows).list().forEach(row -> stored.put(id.apply(row), row));
        }
        return stored;
    }

    private Set<String> existing(Collection<String> ids, String sql) {
        Set<String> found = new HashSet<>();
        for (List<String> chunk : chunks(new ArrayList<>(ids))) {
            found.addAll(jdbc.sql(sql).param("ids", chunk).query(String.class).list());
        }
        return found;
    }

    private static List<List<String>> chunks(List<String> ids) {
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += CHUNK) {
            chunks.add(ids.subList(from, Math.min(ids.size(), from + CHUNK)));
        }
        return chunks;
    }

    private static BulkResult logged(String what, BulkResult result) {
        log.info(
                "Catalog {}: {} created, {} updated, {} unchanged, {} removed, {} refused",
                what,
                result.created(),
                result.updated(),
                result.unchanged(),
                result.removed(),
                result.refused());
        return result;
    }
}
