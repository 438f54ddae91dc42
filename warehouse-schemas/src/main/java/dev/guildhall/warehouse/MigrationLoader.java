package dev.guildhall.warehouse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Finds {@code db/clickhouse/V<version>__<name>.sql} resources on the classpath (directories and jars). */
public final class MigrationLoader {
  public static final String LOCATION = "db/clickhouse";
  private static final Pattern FILE = Pattern.compile("V(\\d+)__([A-Za-z0-9_]+)\\.sql");

  private MigrationLoader() {}

  /** All migrations of {@link #LOCATION}, ordered by version; fails on duplicate versions. */
  public static List<Migration> fromClasspath() {
    ClassLoader loader = MigrationLoader.class.getClassLoader();
    TreeSet<String> files = new TreeSet<>();
    try {
      Enumeration<URL> roots = loader.getResources(LOCATION);
      while (roots.hasMoreElements()) {
        files.addAll(list(roots.nextElement()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + LOCATION, e);
    }
    List<Migration> migrations = new ArrayList<>();
    Map<Integer, String> byVersion = new HashMap<>();
    for (String file : files) {
      Matcher m = FILE.matcher(file);
      if (!m.matches()) {
        continue;
      }
      int version = Integer.parseInt(m.group(1));
      String previous = byVersion.put(version, file);
      if (previous != null) {
        throw new MigrationException("two migrations with version " + version + ": " + previous + " and " + file);
      }
      migrations.add(new Migration(version, m.group(2), read(LOCATION + "/" + file, loader)));
    }
    migrations.sort(Comparator.comparingInt(Migration::version));
    if (migrations.isEmpty()) {
      throw new MigrationException("no migrations found in classpath:" + LOCATION);
    }
    return migrations;
  }

  private static List<String> list(URL root) throws IOException {
    List<String> names = new ArrayList<>();
    if ("file".equals(root.getProtocol())) {
      try (Stream<Path> s = Files.list(Path.of(root.toURI()))) {
        s.forEach(p -> names.add(p.getFileName().toString()));
      } catch (URISyntaxException e) {
        throw new IOException("bad resource url " + root, e);
      }
    } else if ("jar".equals(root.getProtocol())) {
      JarURLConnection connection = (JarURLConnection) root.openConnection();
      connection.setUseCaches(false);
      try (JarFile jar = connection.getJarFile()) {
        String prefix = LOCATION + "/";
        Enumeration<JarEntry> entries = jar.entries();
        while (entries.hasMoreElements()) {
          String entry = entries.nextElement().getName();
          if (entry.startsWith(prefix) && entry.indexOf('/', prefix.length()) < 0 && entry.length() > prefix.length()) {
            names.add(entry.substring(prefix.length()));
          }
        }
      }
    } else {
      throw new IOException("cannot list migrations at " + root + " (protocol " + root.getProtocol() + ")");
    }
    return names;
  }

  private static String read(String resource, ClassLoader loader) {
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new MigrationException("migration resource vanished: " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
