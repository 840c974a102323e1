package fr.socle.storage;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import fr.socle.core.SocleClientException;
import fr.socle.storage.internal.Names;
import fr.socle.storage.spi.KeyEncryptionKeys;
import fr.socle.storage.spi.WrappedKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Key-encryption keys kept as Tink AES-256-GCM keysets in local files, one per tenant ({@code
 * <dir>/<tenant>.json}, mode 600). <strong>For development and tests</strong>: the keys sit in
 * clear on the same machine as the data, so they protect against a leaked bucket or backup, not
 * against whoever can read this directory. In production implement {@link KeyEncryptionKeys} over
 * Vault transit, an HSM or a KMS.
 *
 * <p>Rotation follows Tink's safe order: {@link #rotate(String)} adds a key and makes it primary
 * (new wraps use it, old wraps still open), {@link DocumentSafe#rewrapKeys(String, String)}
 * re-wraps every data key, then {@link DocumentSafe#retireOldKeys(String, String)} proves that
 * every live data key opens with the new key and destroys the previous keys, which makes every copy
 * of data keys wrapped by them (in backups too) unreadable. Thread-safe; one process per directory.
 *
 * <p>A key is generated only when a tenant's first data key is <em>wrapped</em> (a deposit), with a
 * warning naming the tenant and the file. Unwrapping never creates a key: a directory that holds no
 * key for the tenant (a wrong or relative path, a missing volume) fails with a {@link
 * SocleClientException} naming the tenant and the absolute path, not with an integrity error.
 *
 * <pre>{@code
 * KeyEncryptionKeys keks = LocalKeyEncryptionKeys.open(Path.of("dev-keys"));
 * }</pre>
 */
public final class LocalKeyEncryptionKeys implements KeyEncryptionKeys {
  private static final Logger LOG = LoggerFactory.getLogger(LocalKeyEncryptionKeys.class);

  static {
    try {
      AeadConfig.register();
    } catch (GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Path dir;
  private final Map<String, KeysetHandle> cache = new ConcurrentHashMap<>();

  private LocalKeyEncryptionKeys(Path dir) {
    this.dir = dir;
  }

  /**
   * Opens a key directory, creating it if needed. A tenant's keyset is generated the first time the
   * tenant is used.
   *
   * @param dir the directory
   * @return the key holder
   * @throws SocleClientException if the directory cannot be created
   */
  public static LocalKeyEncryptionKeys open(Path dir) {
    Objects.requireNonNull(dir, "dir");
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new SocleClientException("cannot create the key directory", e);
    }
    return new LocalKeyEncryptionKeys(dir.toAbsolutePath());
  }

  @Override
  public WrappedKey wrap(String tenant, byte[] dataKey, byte[] associatedData) {
    KeysetHandle handle = keyset(tenant, true);
    try {
      byte[] wrapped = aead(handle).encrypt(dataKey, associatedData);
      return new WrappedKey(keyId(tenant, handle), wrapped);
    } catch (GeneralSecurityException e) {
      throw new SocleClientException("cannot wrap a data key", e);
    }
  }

  @Override
  public byte[] unwrap(String tenant, WrappedKey wrappedKey, byte[] associatedData) {
    try {
      return aead(keyset(tenant, false)).decrypt(wrappedKey.ciphertext(), associatedData);
    } catch (GeneralSecurityException e) {
      throw new IntegrityViolationException(
          "data key cannot be unwrapped with the key-encryption key of tenant " + tenant);
    }
  }

  @Override
  public String currentKeyId(String tenant) {
    return keyId(tenant, keyset(tenant, true));
  }

  /**
   * Adds a new key-encryption key for a tenant and makes it primary. Existing wrapped keys stay
   * readable until {@link #retireKeysExcept(String, String)}, which {@link
   * DocumentSafe#retireOldKeys(String, String)} calls once no live data key needs them.
   *
   * @param tenant the tenant
   * @return the new key's identifier
   */
  public synchronized String rotate(String tenant) {
    try {
      KeysetHandle rotated =
          KeysetHandle.newBuilder(keyset(tenant, false))
              .addEntry(
                  KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                      .withRandomId()
                      .makePrimary())
              .build();
      save(tenant, rotated);
      return keyId(tenant, rotated);
    } catch (GeneralSecurityException e) {
      throw new SocleClientException("cannot rotate the key-encryption key", e);
    }
  }

  /**
   * Destroys every key of a tenant except the current one. Use {@link
   * DocumentSafe#retireOldKeys(String, String)}, which calls this only after proving that no live
   * document still needs an old key.
   *
   * @param tenant the tenant
   * @param keep the current key's identifier
   * @return how many keys were destroyed
   * @throws SocleClientException if {@code keep} is not the current key (a rotation raced)
   */
  @Override
  public synchronized int retireKeysExcept(String tenant, String keep) {
    try {
      KeysetHandle current = keyset(tenant, false);
      if (!keyId(tenant, current).equals(keep)) {
        throw new SocleClientException("the key-encryption key was rotated meanwhile; retry");
      }
      KeysetHandle.Builder builder = KeysetHandle.newBuilder(current);
      int removed = 0;
      for (int i = builder.size() - 1; i >= 0; i--) {
        if (!builder.getAt(i).isPrimary()) {
          builder.deleteAt(i);
          removed++;
        }
      }
      save(tenant, builder.build());
      return removed;
    } catch (GeneralSecurityException e) {
      throw new SocleClientException("cannot retire key-encryption keys", e);
    }
  }

  @Override
  public String toString() {
    return "LocalKeyEncryptionKeys";
  }

  private KeysetHandle keyset(String tenant, boolean createIfAbsent) {
    Names.requireValidName("tenant", tenant);
    KeysetHandle cached = cache.get(tenant);
    if (cached != null) {
      return cached;
    }
    synchronized (this) {
      return cache.computeIfAbsent(tenant, t -> loadOrCreate(t, createIfAbsent));
    }
  }

  private KeysetHandle loadOrCreate(String tenant, boolean createIfAbsent) {
    Path file = file(tenant);
    try {
      if (Files.exists(file)) {
        return TinkJsonProtoKeysetFormat.parseKeyset(
            Files.readString(file, StandardCharsets.UTF_8),
            RegistryConfiguration.get(),
            InsecureSecretKeyAccess.get());
      }
      if (!createIfAbsent) {
        // Creating a key here would turn a misconfigured path into what looks like an attack
        // (every unwrap failing authentication) and leave a useless key behind.
        throw new SocleClientException("no key-encryption key for tenant " + tenant + " in " + dir);
      }
      KeysetHandle created =
          KeysetHandle.generateNew(
              PredefinedAeadParameters.AES256_GCM, RegistryConfiguration.get());
      write(file, created);
      LOG.warn(
          "Generated a local key-encryption key for tenant {} in {}: development use only, "
              + "use a KMS, Vault or an HSM in production",
          tenant,
          file);
      return created;
    } catch (IOException | GeneralSecurityException e) {
      throw new SocleClientException(
          "cannot load the key-encryption key of tenant " + tenant + " from " + dir, e);
    }
  }

  private void save(String tenant, KeysetHandle handle) {
    try {
      write(file(tenant), handle);
      cache.put(tenant, handle);
    } catch (IOException | GeneralSecurityException e) {
      throw new SocleClientException("cannot save the key-encryption key of tenant " + tenant, e);
    }
  }

  private void write(Path file, KeysetHandle handle) throws IOException, GeneralSecurityException {
    String json =
        TinkJsonProtoKeysetFormat.serializeKeyset(
            handle, RegistryConfiguration.get(), InsecureSecretKeyAccess.get());
    Path temp = Files.createTempFile(dir, ".keyset", ".tmp");
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
    }
    Files.writeString(temp, json, StandardCharsets.UTF_8);
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private Path file(String tenant) {
    return dir.resolve(Names.segment(tenant) + ".json");
  }

  private static Aead aead(KeysetHandle handle) throws GeneralSecurityException {
    return handle.getPrimitive(RegistryConfiguration.get(), Aead.class);
  }

  private static String keyId(String tenant, KeysetHandle handle) {
    return "local:"
        + Names.segment(tenant)
        + ":"
        + Integer.toUnsignedString(handle.getPrimary().getId());
  }
}
