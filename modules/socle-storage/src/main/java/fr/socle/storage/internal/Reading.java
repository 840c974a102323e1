package fr.socle.storage.internal;

import fr.socle.core.SocleClientException;
import fr.socle.storage.DocumentMetadata;
import fr.socle.storage.DocumentRef;
import fr.socle.storage.IntegrityViolationException;
import fr.socle.storage.JournalOperation;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The journaled reads of the safe: opening a version for a reader, metadata, end-to-end
 * verification, listing and counting. Each loads versions through {@link Versions} (so only
 * journaled versions whose envelope agrees with the journal are seen) and journals the call.
 *
 * <p>Thread-safe.
 */
public final class Reading {
  private final Journal journal;
  private final Versions versions;
  private final ContentPipeline pipeline;

  /**
   * Creates the component.
   *
   * @param journal the journal
   * @param versions the journal's view of the versions
   * @param pipeline opens the content
   */
  public Reading(Journal journal, Versions versions, ContentPipeline pipeline) {
    this.journal = journal;
    this.versions = versions;
    this.pipeline = pipeline;
  }

  /**
   * Loads a version for a reader and journals the read.
   *
   * @param ref the document
   * @param version the version, or 0 for the latest
   * @param actor who reads
   * @return the version; open or close it
   */
  public LoadedVersion forRead(DocumentRef ref, long version, String actor) {
    LoadedVersion loaded = version == 0 ? versions.loadLatest(ref) : versions.load(ref, version);
    try {
      versions.journalOn(ref, actor, JournalOperation.READ, loaded.metadata());
    } catch (RuntimeException e) {
      loaded.close();
      throw e;
    }
    return loaded;
  }

  /**
   * The authenticated metadata of the latest version, journaled.
   *
   * @param ref the document
   * @param actor who asks
   * @return the metadata
   */
  public DocumentMetadata metadata(DocumentRef ref, String actor) {
    LoadedVersion loaded = versions.loadLatest(ref);
    loaded.close();
    versions.journalOn(ref, actor, JournalOperation.METADATA, loaded.metadata());
    return loaded.metadata();
  }

  /**
   * Reads every version end to end, digest included, and journals the outcome either way.
   *
   * @param ref the document
   * @param actor who checks
   * @return the metadata of the latest version
   */
  public DocumentMetadata verify(DocumentRef ref, String actor) {
    DocumentMetadata latest = null;
    try {
      for (Map.Entry<Long, Journal.VersionState> v : versions.live(ref).entrySet()) {
        LoadedVersion loaded = versions.load(ref, v.getKey(), v.getValue(), true);
        try (InputStream in = pipeline.open(loaded, true)) {
          in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
          throw new SocleClientException("cannot read document " + Envelopes.describe(ref), e);
        }
        latest = loaded.metadata();
      }
    } catch (IntegrityViolationException e) {
      journal.append(
          ref.tenant(), actor, JournalOperation.VERIFY_FAILED, ref.container(), ref.id(), 0, "");
      throw e;
    }
    versions.journalOn(ref, actor, JournalOperation.VERIFY, latest);
    return latest;
  }

  /**
   * The authenticated metadata of the latest version of each document of a container, journaled.
   *
   * @param tenant the tenant
   * @param container the container
   * @param actor who lists
   * @return the metadata, sorted by identifier
   */
  public List<DocumentMetadata> list(String tenant, String container, String actor) {
    versions.recover(tenant);
    List<DocumentMetadata> out = new ArrayList<>();
    for (String id : journal.documentIds(tenant, container)) {
      versions
          .tryLoadLatest(new DocumentRef(tenant, container, id))
          .ifPresent(
              l -> {
                l.close();
                out.add(l.metadata());
              });
    }
    journal.append(tenant, actor, JournalOperation.LIST, container, "", 0, "");
    return out;
  }

  /**
   * The number of documents of a container with a live version, journaled.
   *
   * @param tenant the tenant
   * @param container the container
   * @param actor who counts
   * @return the count
   */
  public long count(String tenant, String container, String actor) {
    versions.recover(tenant);
    long n = journal.documentIds(tenant, container).size();
    journal.append(tenant, actor, JournalOperation.COUNT, container, "", 0, "");
    return n;
  }
}
