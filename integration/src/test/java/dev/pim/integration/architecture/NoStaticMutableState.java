package dev.pim.integration.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A class holds no static mutable state: every static field is final, and a static final collection, map, array
 * or atomic holds nothing anyone can change, nor does an object of the project's own classes (no field it could
 * reassign or collection it could fill). Mutability is read from the value (the class is initialised), since
 * {@code Set.of(..)} and {@code new HashSet<>()} both declare {@code Set}.
 * {@code allowed} names the fields (Class.field) that may hold state: per-execution-environment caches.
 */
final class NoStaticMutableState extends ArchCondition<JavaClass> {
    private static final Set<Class<?>> ATOMICS = Set.of(AtomicBoolean.class, AtomicInteger.class, AtomicLong.class,
            AtomicReference.class);
    private final Set<String> allowed;

    NoStaticMutableState(Set<String> allowed) {
        super("hold no static mutable state (outside " + allowed + ")");
        this.allowed = allowed;
    }

    @Override
    public void check(JavaClass javaClass, ConditionEvents events) {
        for (JavaField field : javaClass.getFields()) {
            if (!field.getModifiers().contains(JavaModifier.STATIC) || field.getModifiers().contains(JavaModifier.SYNTHETIC)
                    || allowed.contains(javaClass.getSimpleName() + "." + field.getName())) {
                continue;
            }
            String problem = problem(field);
            if (problem != null) {
                events.add(SimpleConditionEvent.violated(field, field.getFullName() + " " + problem));
            }
        }
    }

    private static String problem(JavaField field) {
        if (!field.getModifiers().contains(JavaModifier.FINAL)) {
            return "is static and not final";
        }
        Class<?> type = field.getRawType().reflect();
        if (type.isArray()) {
            return "is a static array (its elements can be changed)";
        }
        if (ATOMICS.contains(type)) {
            return "is a static atomic";
        }
        Object value = valueOf(field);
        if (value == null) {
            return null;
        }
        if (value instanceof Collection<?> || value instanceof Map<?, ?>) {
            return unmodifiable(value) ? null : "holds a modifiable " + value.getClass().getName();
        }
        String state = ownMutableState(value);
        return state == null ? null : "holds a " + value.getClass().getName() + " whose " + state;
    }

    /** What makes one of the project's own objects mutable (a field not final, or a modifiable collection), if anything. */
    private static String ownMutableState(Object value) {
        for (Class<?> c = value.getClass(); c != null && c.getName().startsWith("dev.pim."); c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) || field.isSynthetic()) {
                    continue;
                }
                if (!Modifier.isFinal(field.getModifiers())) {
                    return "field " + field.getName() + " is not final";
                }
                if (Collection.class.isAssignableFrom(field.getType()) || Map.class.isAssignableFrom(field.getType())) {
                    Object held = read(field, value);
                    if (held != null && !unmodifiable(held)) {
                        return "field " + field.getName() + " is a modifiable " + held.getClass().getName();
                    }
                }
            }
        }
        return null;
    }

    private static Object read(Field field, Object owner) {
        try {
            field.setAccessible(true);
            return field.get(owner);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot read " + field, e);
        }
    }

    private static Object valueOf(JavaField javaField) {
        try {
            return read(javaField.reflect(), null);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot read " + javaField.getFullName(), e);
        }
    }

    /** The JDK's unmodifiable collections: {@code List.of}, {@code copyOf}, {@code Collections.unmodifiable*}, empty and singleton ones. */
    private static boolean unmodifiable(Object value) {
        String name = value.getClass().getName();
        return name.startsWith("java.util.ImmutableCollections$") || name.startsWith("java.util.Collections$Unmodifiable")
                || name.startsWith("java.util.Collections$Empty") || name.startsWith("java.util.Collections$Singleton")
                || value instanceof Enum<?>;
    }
}
