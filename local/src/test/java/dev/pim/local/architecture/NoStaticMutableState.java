package dev.pim.local.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import java.lang.reflect.Field;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A class holds no static mutable state: every static field is final, and a static final collection, map, array
 * or atomic holds nothing anyone can change. A collection's mutability is read from its value (the class is
 * initialised), since {@code Set.of(..)} and {@code new HashSet<>()} both declare {@code Set}.
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
        if (Collection.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type)) {
            Object value = valueOf(field);
            if (value != null && !unmodifiable(value)) {
                return "holds a modifiable " + value.getClass().getName();
            }
        }
        return null;
    }

    private static Object valueOf(JavaField javaField) {
        try {
            Field field = javaField.reflect();
            field.setAccessible(true);
            return field.get(null);
        } catch (ReflectiveOperationException e) {
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
