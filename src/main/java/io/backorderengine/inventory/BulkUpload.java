package io.backorderengine.inventory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

/**
 * One bulk upload being decided: each item is first checked on its own (present, valid, not twice in
 * the upload); each item that passes is then decided by its kind (created, updated, unchanged, or
 * refused after all, e.g. naming an unknown supplier). The answer keeps the order of the upload.
 */
final class BulkUpload<T> {

    /** What a kind decided for one item that passed the first checks. */
    record Verdict(BulkResult.Outcome outcome, List<BulkResult.Problem> problems) {

        static final Verdict CREATED = new Verdict(BulkResult.Outcome.CREATED, List.of());
        static final Verdict UPDATED = new Verdict(BulkResult.Outcome.UPDATED, List.of());
        static final Verdict UNCHANGED = new Verdict(BulkResult.Outcome.UNCHANGED, List.of());
        static final Verdict REMOVED = new Verdict(BulkResult.Outcome.REMOVED, List.of());

        static Verdict refused(String field, String message) {
            return new Verdict(BulkResult.Outcome.REFUSED, List.of(new BulkResult.Problem(field, message)));
        }
    }

    private final List<T> items;
    private final Function<T, String> id;
    /** Per position: the problems that refuse the item, or null when it passed the first checks. */
    private final List<List<BulkResult.Problem>> refusals = new ArrayList<>();

    private BulkUpload(List<T> items, Function<T, String> id) {
        this.items = items;
        this.id = id;
    }

    /**
     * @param idField the item's id field, named when the same id comes twice
     */
    static <T> BulkUpload<T> screen(List<T> items, Function<T, String> id, String idField, Validator validator) {
        BulkUpload<T> upload = new BulkUpload<>(items, id);
        Map<String, Integer> firstAt = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            T item = items.get(i);
            List<BulkResult.Problem> problems = item == null
                    ? List.of(new BulkResult.Problem("", "is empty"))
                    : validator.validate(item).stream()
                            .sorted(Comparator.comparing(
                                    violation -> violation.getPropertyPath().toString()))
                            .map(BulkUpload::problem)
                            .toList();
            if (problems.isEmpty()) {
                Integer earlier = firstAt.putIfAbsent(id.apply(item), i);
                if (earlier != null) {
                    problems = List.of(new BulkResult.Problem(
                            idField, "appears more than once in this upload (first as item %d)".formatted(earlier)));
                }
            }
            upload.refusals.add(problems.isEmpty() ? null : problems);
        }
        return upload;
    }

    /** The ids of the items that passed the first checks. */
    List<String> ids() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (refusals.get(i) == null) {
                ids.add(id.apply(items.get(i)));
            }
        }
        return ids;
    }

    /** Decides every item that passed the first checks, in the order of the upload. */
    BulkResult decide(Function<T, Verdict> kind) {
        List<BulkResult.Item> answers = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            T item = items.get(i);
            List<BulkResult.Problem> refused = refusals.get(i);
            if (refused != null) {
                answers.add(
                        new BulkResult.Item(item == null ? null : id.apply(item), BulkResult.Outcome.REFUSED, refused));
            } else {
                Verdict verdict = kind.apply(item);
                answers.add(new BulkResult.Item(id.apply(item), verdict.outcome(), verdict.problems()));
            }
        }
        return BulkResult.of(answers);
    }

    private static BulkResult.Problem problem(ConstraintViolation<?> violation) {
        return new BulkResult.Problem(violation.getPropertyPath().toString(), violation.getMessage());
    }
}
