package io.cruddur.spec;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the attributes of a spec tree that are null: set to null, or required and never set (the spec builders do
 * not check, so that a null never escapes from the user's own call as a bare NullPointerException). Walks the
 * generated {@code Immutable*} classes' attribute fields; an {@code Optional} attribute may be absent.
 */
final class Nulls {
  private final Problems problems;

  Nulls(Problems problems) {
    this.problems = problems;
  }

  void check(String path, Object spec) {
    // Defaults derive from the name (a stack's cluster and log group, a service's port name): without it, only the
    // name is reported.
    boolean named = accessor(spec.getClass(), "name").isEmpty() || field(spec, "name") != null;
    if (!named) {
      problems.add(path.isEmpty() ? "name" : path + ".name", "is required, and was not set or set to null");
      return;
    }
    for (Field f : spec.getClass().getDeclaredFields()) {
      if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive() || f.isSynthetic()) {
        continue;
      }
      Optional<Method> accessor = accessor(spec.getClass(), f.getName());
      if (accessor.isEmpty()) {
        continue; // not an attribute (Immutables' own bookkeeping)
      }
      String at = path.isEmpty() ? f.getName() : path + "." + f.getName();
      Object value = read(f, spec);
      if (value == null) {
        if (accessor.get().getReturnType() != Optional.class) {
          problems.add(at, "is required, and was not set or set to null");
        }
        continue;
      }
      element(at, value);
    }
  }

  private void element(String at, Object value) {
    if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        Object e = list.get(i);
        String p = at + "[" + label(e, i) + "]";
        if (e == null) {
          problems.add(p, "is null");
        } else {
          element(p, e);
        }
      }
    } else if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> {
        if (k == null) {
          problems.add(at, "has a null key");
        } else if (v == null) {
          problems.add(at + "[" + k + "]", "is null");
        } else {
          element(at + "[" + k + "]", v);
        }
      });
    } else if (value.getClass().getPackageName().equals(Nulls.class.getPackageName())
        && value.getClass().getSimpleName().startsWith("Immutable")) {
      check(at, value);
    }
  }

  /** A named element is shown by its name ({@code services[api]}), as every other problem does; else its index. */
  private static String label(Object element, int index) {
    if (element != null) {
      Optional<Method> name = accessor(element.getClass(), "name");
      if (name.isPresent() && name.get().getReturnType() == String.class) {
        try {
          Object n = name.get().invoke(element);
          if (n != null) {
            return n.toString();
          }
        } catch (ReflectiveOperationException e) {
          // fall back to the index
        }
      }
    }
    return String.valueOf(index);
  }

  private static Optional<Method> accessor(Class<?> type, String name) {
    try {
      Method m = type.getMethod(name);
      return m.getReturnType() == void.class ? Optional.empty() : Optional.of(m);
    } catch (NoSuchMethodException e) {
      return Optional.empty();
    }
  }

  private static Object field(Object spec, String name) {
    try {
      return read(spec.getClass().getDeclaredField(name), spec);
    } catch (NoSuchFieldException e) {
      return null;
    }
  }

  private static Object read(Field f, Object spec) {
    try {
      f.setAccessible(true);
      return f.get(spec);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read " + f, e);
    }
  }
}
