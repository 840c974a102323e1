package fr.socle.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.socle.core.SocleClientException;
import fr.socle.refdata.Territories;
import fr.socle.storage.DocumentSafe;
import fr.socle.storage.FileSystemObjectStore;
import fr.socle.storage.InMemoryObjectStore;
import fr.socle.storage.spi.ObjectStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class SocleStorageAndRefdataAutoConfigurationTest {

  @TempDir Path tmp;

  final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  SocleCoreAutoConfiguration.class,
                  SocleStorageAutoConfiguration.class,
                  SocleRefdataAutoConfiguration.class));

  @Test
  void documentSafe_whenDirectoriesSet_writesToTheDirectory() {
    runner
        .withPropertyValues(
            "socle.storage.directory=" + tmp.resolve("docs"),
            "socle.storage.key-directory=" + tmp.resolve("keys"))
        .run(
            context -> {
              assertThat(context).hasNotFailed().hasSingleBean(DocumentSafe.class);
              assertThat(Files.isDirectory(tmp.resolve("keys"))).isTrue();
            });
  }

  @Test
  void documentSafe_whenApplicationDefinesAnObjectStore_usesIt() {
    runner
        .withBean(ObjectStore.class, InMemoryObjectStore::withoutObjectLock)
        .withPropertyValues("socle.storage.key-directory=" + tmp.resolve("keys"))
        .run(context -> assertThat(context).hasNotFailed().hasSingleBean(DocumentSafe.class));
  }

  @Test
  void applicationsObjectStore_isNotClosedByTheSafe_whenTheContextStops() {
    java.util.concurrent.atomic.AtomicInteger closes =
        new java.util.concurrent.atomic.AtomicInteger();
    ObjectStore inner = InMemoryObjectStore.withoutObjectLock();
    ObjectStore counted =
        (ObjectStore)
            java.lang.reflect.Proxy.newProxyInstance(
                ObjectStore.class.getClassLoader(),
                new Class<?>[] {ObjectStore.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("close")) {
                    closes.incrementAndGet();
                    return null;
                  }
                  try {
                    return method.invoke(inner, args);
                  } catch (java.lang.reflect.InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    runner
        .withBean("appStore", ObjectStore.class, () -> counted, d -> d.setDestroyMethodName(""))
        .withPropertyValues("socle.storage.key-directory=" + tmp.resolve("keys"))
        .run(context -> assertThat(context).hasSingleBean(DocumentSafe.class));
    assertThat(closes).hasValue(0);
  }

  @Test
  void directoryStore_isOpenWhileTheContextRuns_andReleasedOnceWhenItStops() {
    Path docs = tmp.resolve("docs");
    runner
        .withPropertyValues(
            "socle.storage.directory=" + docs, "socle.storage.key-directory=" + tmp.resolve("keys"))
        .run(
            context -> {
              assertThat(context).hasNotFailed().hasSingleBean(DocumentSafe.class);
              // The context's store holds the directory lock.
              assertThatThrownBy(() -> FileSystemObjectStore.open(docs))
                  .isInstanceOf(SocleClientException.class);
            });
    // Closing the context closed the store bean, which released the lock.
    FileSystemObjectStore.open(docs).close();
  }

  @Test
  void start_whenNoDirectoryAndNoObjectStore_failsNamingTheProperty() {
    runner
        .withPropertyValues("socle.storage.key-directory=" + tmp.resolve("keys"))
        .run(
            context ->
                assertThat(StartupFailures.messages(context)).contains("socle.storage.directory"));
  }

  @Test
  void documentSafe_whenNoKeyDirectory_isNotConfigured() {
    runner.run(context -> assertThat(context).doesNotHaveBean(DocumentSafe.class));
  }

  @Test
  void territories_areOnByDefault_andCanBeTurnedOff() {
    runner.run(context -> assertThat(context).hasSingleBean(Territories.class));
    runner
        .withPropertyValues("socle.refdata.territories-enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(Territories.class));
  }
}
