package fr.socle.spring.boot.autoconfigure;

import fr.socle.storage.DocumentSafe;
import fr.socle.storage.DocumentSafeBuilder;
import fr.socle.storage.FileSystemObjectStore;
import fr.socle.storage.LocalKeyEncryptionKeys;
import fr.socle.storage.SafeListener;
import fr.socle.storage.spi.KeyEncryptionKeys;
import fr.socle.storage.spi.ObjectStore;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The encrypted document safe, on when {@code socle.storage.key-directory} is set. Documents go to
 * {@code socle.storage.directory} unless the application defines its own {@link ObjectStore} (an S3
 * bucket with Object Lock, for instance); keys to the local key directory unless it defines its own
 * {@link KeyEncryptionKeys}.
 */
@AutoConfiguration(after = SocleCoreAutoConfiguration.class)
@ConditionalOnClass(DocumentSafe.class)
@ConditionalOnProperty(prefix = "socle.storage", name = "key-directory")
@EnableConfigurationProperties(SocleStorageProperties.class)
public class SocleStorageAutoConfiguration {

  private static final String PREFIX = "socle.storage.";

  /** Creates the configuration; Spring Boot does. */
  public SocleStorageAutoConfiguration() {}

  /**
   * The local key-encryption keys.
   *
   * @param properties {@code socle.storage.*}
   * @return the keys
   */
  @Bean
  @ConditionalOnMissingBean(KeyEncryptionKeys.class)
  public LocalKeyEncryptionKeys socleKeyEncryptionKeys(SocleStorageProperties properties) {
    var dir = Required.value(properties.getKeyDirectory(), PREFIX + "key-directory");
    try {
      return LocalKeyEncryptionKeys.open(dir);
    } catch (RuntimeException e) {
      throw new SocleConfigurationException(PREFIX + "key-directory", e.getMessage());
    }
  }

  /**
   * The document store on a local directory, unless the application defines its own.
   *
   * @param properties {@code socle.storage.*}
   * @return the store, closed with the application context
   */
  @Bean
  @ConditionalOnMissingBean(ObjectStore.class)
  @ConditionalOnProperty(prefix = "socle.storage", name = "directory")
  public FileSystemObjectStore socleObjectStore(SocleStorageProperties properties) {
    try {
      return FileSystemObjectStore.open(properties.getDirectory());
    } catch (RuntimeException e) {
      throw new SocleConfigurationException(PREFIX + "directory", e.getMessage());
    }
  }

  /**
   * The document safe, closed with the context. Closing it leaves the object store open (Socle
   * never closes an object it was given): the store bean is closed by the context, or by the
   * application that registered it, once.
   *
   * @param store the object store: the application's, or the directory's
   * @param keys the key-encryption keys
   * @param listeners every {@link SafeListener} bean (the metrics' one with Micrometer, and the
   *     application's own), called in order
   * @return the safe
   */
  @Bean
  @ConditionalOnMissingBean
  public DocumentSafe socleDocumentSafe(
      ObjectProvider<ObjectStore> store,
      KeyEncryptionKeys keys,
      ObjectProvider<SafeListener> listeners) {
    ObjectStore theStore =
        Required.value(store.getIfUnique(), PREFIX + "directory (or one ObjectStore bean)");
    DocumentSafeBuilder b = DocumentSafe.builder().objectStore(theStore).keyEncryptionKeys(keys);
    List<SafeListener> all = listeners.orderedStream().toList();
    if (!all.isEmpty()) {
      b.listener(SafeListeners.of(all));
    }
    return b.build();
  }
}
