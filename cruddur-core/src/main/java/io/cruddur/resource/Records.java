package io.cruddur.resource;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Walks state records generically, through their components, lists and maps (the only containers state records
 * use): the refs they hold, and the same record with every ref resolved. Thread-safe.
 */
public final class Records {
  private Records() {}

  /** Every ref in {@code value}, depth first. */
  public static List<Ref<?>> refs(Object value) {
    List<Ref<?>> out = new ArrayList<>();
    collect(value, out);
    return out;
  }

  private static void collect(Object value, List<Ref<?>> out) {
    if (value instanceof Ref<?> r) {
      out.add(r);
    } else if (value instanceof Record r) {
      Shape shape = SHAPES.get(r.getClass());
      for (int i = 0; i < shape.components.length; i++) {
        collect(shape.get(r, i), out);
      }
    } else if (value instanceof Map<?, ?> m) {
      m.values().forEach(v -> collect(v, out));
    } else if (value instanceof List<?> l) {
      l.forEach(v -> collect(v, out));
    }
  }

  /** Whether every value in {@code value} is known (no ref, nothing unknown). */
  public static boolean isKnown(Object value) {
    if (value instanceof Value<?> v && !(v instanceof Value.Known<?>)) {
      return false;
    }
    if (value instanceof Record r) {
      Shape shape = SHAPES.get(r.getClass());
      for (int i = 0; i < shape.components.length; i++) {
        if (!isKnown(shape.get(r, i))) {
          return false;
        }
      }
      return true;
    }
    if (value instanceof Map<?, ?> m) {
      return m.values().stream().allMatch(Records::isKnown);
    }
    if (value instanceof List<?> l) {
      return l.stream().allMatch(Records::isKnown);
    }
    return true;
  }

  /**
   * {@code state} with every ref replaced by what {@code resolver} gives for it (a known or an unknown value).
   * Nested records, lists and maps are copied (unmodifiable); everything else is shared.
   */
  public static <S extends ResourceState> S resolve(Kind<S, ?> kind, S state, Function<Ref<?>, Value<?>> resolver) {
    return resolve(kind.stateType(), state, resolver);
  }

  /** {@code state} of {@code type} with every ref resolved; see {@link #resolve(Kind, ResourceState, Function)}. */
  public static <S extends ResourceState> S resolve(Class<S> type, ResourceState state,
      Function<Ref<?>, Value<?>> resolver) {
    return type.cast(resolveAny(state, resolver));
  }

  private static Object resolveAny(Object value, Function<Ref<?>, Value<?>> resolver) {
    if (value instanceof Ref<?> r) {
      return resolver.apply(r);
    }
    if (value instanceof Record r) {
      Shape shape = SHAPES.get(r.getClass());
      Object[] args = new Object[shape.components.length];
      for (int i = 0; i < args.length; i++) {
        args[i] = resolveAny(shape.get(r, i), resolver);
      }
      return shape.construct(args);
    }
    if (value instanceof Map<?, ?> m) {
      Map<Object, Object> out = new TreeMap<>();
      m.forEach((k, v) -> out.put(k, resolveAny(v, resolver)));
      return Collections.unmodifiableMap(out);
    }
    if (value instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      l.forEach(v -> out.add(resolveAny(v, resolver)));
      return Collections.unmodifiableList(out);
    }
    return value;
  }

  /** The components of {@code type}, sorted by name: the order plans list them in. */
  public static List<RecordComponent> components(Class<?> type) {
    List<RecordComponent> cs = new ArrayList<>(Arrays.asList(SHAPES.get(type).components));
    cs.sort(Comparator.comparing(RecordComponent::getName));
    return cs;
  }

  /** The value of one component of {@code record}. */
  public static Object component(Record record, RecordComponent c) {
    Shape shape = SHAPES.get(record.getClass());
    for (int i = 0; i < shape.components.length; i++) {
      if (shape.components[i].equals(c)) {
        return shape.get(record, i);
      }
    }
    return invoke(record, c.getName(), c.getAccessor());
  }

  private static Object invoke(Record record, String name, Method accessor) {
    try {
      return accessor.invoke(record);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("state records must be public: " + record.getClass().getName(), e);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("accessor " + name + " failed", e.getCause());
    }
  }

  /**
   * A record class's components, accessors and canonical constructor, looked up once per class:
   * {@link Class#getRecordComponents()} and {@link Class#getDeclaredConstructor} copy what they return on every
   * call, and a plan of a thousand services walks its states hundreds of thousands of times.
   */
  private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
    @Override
    protected Shape computeValue(Class<?> type) {
      return new Shape(type);
    }
  };

  private static final class Shape {
    final Class<?> type;
    final RecordComponent[] components;
    final Method[] accessors;
    final Constructor<?> constructor;
    final ReflectiveOperationException noConstructor;

    Shape(Class<?> type) {
      this.type = type;
      this.components = type.getRecordComponents();
      this.accessors = Arrays.stream(components).map(RecordComponent::getAccessor).toArray(Method[]::new);
      Constructor<?> ctor = null;
      ReflectiveOperationException missing = null;
      try {
        ctor = type.getDeclaredConstructor(Arrays.stream(components).map(RecordComponent::getType)
            .toArray(Class<?>[]::new));
      } catch (ReflectiveOperationException e) {
        missing = e;
      }
      this.constructor = ctor;
      this.noConstructor = missing;
    }

    Object get(Record record, int i) {
      return invoke(record, components[i].getName(), accessors[i]);
    }

    Object construct(Object[] args) {
      try {
        if (constructor == null) {
          throw noConstructor;
        }
        return constructor.newInstance(args);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot copy " + type.getName() + " (state records must be public with "
            + "their canonical constructor)", e);
      }
    }
  }
}
