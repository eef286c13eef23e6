package io.backorderengine.system;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.beans.BeanUtils;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.util.ClassUtils;

/**
 * Maps a row to a record by its components' names ({@code caseId} from {@code case_id}), matching
 * columns through the result set's metadata.
 *
 * <p>Why not Spring's {@code SimplePropertyRowMapper} or {@code DataClassRowMapper}: they look every
 * component up with {@code findColumn(name)} first and catch the {@code SQLException} of the miss,
 * which H2 and PostgreSQL build with a stack trace, per column and per row. On the intake path that
 * was a tenth of the CPU; reading a waiting line of 50,000 cases cost a million exceptions.
 */
public final class RecordRows<T extends Record> implements RowMapper<T> {

    private static final ConversionService CONVERSION = DefaultConversionService.getSharedInstance();

    private final Class<T> type;
    private final RecordComponent[] components;
    private final Constructor<T> constructor;
    /** The components' names as {@link #key} writes them. */
    private final String[] keys;
    /** The column of each component in the result set being read on this thread, found at its first row. */
    private final ThreadLocal<int[]> columnsOfCurrentResult = new ThreadLocal<>();

    private RecordRows(Class<T> type) {
        this.type = type;
        this.components = type.getRecordComponents();
        this.keys = Arrays.stream(components)
                .map(component -> key(component.getName()))
                .toArray(String[]::new);
        try {
            this.constructor = type.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("a record has a canonical constructor: " + type, e);
        }
    }

    /** A mapper for the record type; keep it in a constant, it is thread-safe. */
    public static <T extends Record> RecordRows<T> of(Class<T> type) {
        return new RecordRows<>(type);
    }

    @Override
    public T mapRow(ResultSet rs, int rowNum) throws SQLException {
        // Spring maps the rows of one result set in order on one thread, numbered from 0
        int[] columns = columnsOfCurrentResult.get();
        if (rowNum == 0 || columns == null) {
            columns = columns(rs.getMetaData());
            columnsOfCurrentResult.set(columns);
        }
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            values[i] = value(rs, columns[i], components[i].getType());
        }
        return BeanUtils.instantiateClass(
                constructor, values); // null for a primitive: its default, as Spring's mappers do
    }

    private int[] columns(ResultSetMetaData metadata) throws SQLException {
        Map<String, Integer> byName = new HashMap<>();
        for (int index = metadata.getColumnCount(); index >= 1; index--) {
            byName.put(key(JdbcUtils.lookupColumnName(metadata, index)), index); // the first of equal names wins
        }
        int[] columns = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            Integer index = byName.get(keys[i]);
            if (index == null) {
                throw new InvalidDataAccessApiUsageException("no column for " + type.getSimpleName() + "."
                        + components[i].getName() + " among " + byName.keySet());
            }
            columns[i] = index;
        }
        return columns;
    }

    /** {@code case_id}, {@code CASE_ID} and {@code caseId} are one name. */
    private static String key(String name) {
        return name.replace("_", "").toLowerCase(Locale.ROOT);
    }

    private static Object value(ResultSet rs, int index, Class<?> type) throws SQLException {
        Object value = JdbcUtils.getResultSetValue(rs, index, type);
        if (value == null) {
            return null;
        }
        Class<?> wanted = ClassUtils.resolvePrimitiveIfNecessary(type);
        return wanted.isInstance(value) ? value : CONVERSION.convert(value, wanted);
    }
}
