package io.backorderengine.system;

import java.lang.reflect.Field;

import org.camunda.bpm.engine.BadUserRequestException;

/**
 * Reads what an engine command was given. The engine's commands keep their arguments in protected
 * fields without getters; the guards that must see them before the command runs read them here, and
 * fail closed: if an engine upgrade moved a field, the command is refused rather than let through unchecked.
 */
final class CommandFields {

    private CommandFields() {}

    static <F> F read(Object command, Class<?> owner, String name, Class<F> type) {
        try {
            Field field = owner.getDeclaredField(name);
            field.setAccessible(true);
            return type.cast(field.get(command));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new BadUserRequestException(
                    "The request could not be checked (" + owner.getSimpleName() + "." + name + " not found); refused");
        }
    }
}
