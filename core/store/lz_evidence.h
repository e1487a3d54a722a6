/* The evidence store: the files behind records (佐证材料), kept in the
 * database directory's "evidence" folder under the SHA-256 of their
 * content.  A file is stored once however many records name it; its name
 * is its hash, never a name a user typed, so nothing the user gives
 * becomes a path.  Files are only ever added: an orphan (a file whose
 * record change was not committed) is harmless, since the same hash is
 * the same content.  Plain files, no LMDB: the records that name the
 * files are written through lz_store_apply. */
#ifndef LZ_EVIDENCE_H
#define LZ_EVIDENCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lz_arena.h"
#include "lz_err.h"
#include "lz_record.h"

#define LZ_EVIDENCE_DIR "evidence"

/* DIR/evidence/HASH into buf. */
void lz_evidence_path(const char *dbdir, const char *sha256, char *buf, size_t size);

/* Copies the file at path into the store of the database in dbdir: read
 * once, hashed while it is written to a temporary file in the store,
 * synced and renamed to its hash, so a failure (a full disk) leaves no
 * file under a hash name.  A file already stored and intact is not
 * written again (*had set).  out gets the hash, the name (path's last
 * part, checked as text), the size and the type (lz_evidence_type), in
 * arena.  A file that is not a regular file, or of LZ_EVIDENCE_MAX_BYTES
 * or more, is refused (LZ_EDATA); one that cannot be read is LZ_ENOINPUT;
 * the store not written LZ_EIO. */
lz_rc lz_evidence_put(const char *dbdir, const char *path, lz_arena *arena, lz_evidence *out,
		      bool *had, lz_err *err);

typedef enum lz_evidence_state {
	LZ_EVIDENCE_INTACT,
	LZ_EVIDENCE_MISSING,     /* no file under its hash */
	LZ_EVIDENCE_ALTERED,     /* the file's content has another hash, or size */
	LZ_EVIDENCE_UNREADABLE,  /* there, but it cannot be read (or is no file) */
} lz_evidence_state;

/* Whether the stored file named by e is there with its content. */
lz_evidence_state lz_evidence_check(const char *dbdir, const lz_evidence *e);
/* What a state means, in a few words for a message. */
const char *lz_evidence_state_text(lz_evidence_state st);

/* The type of a file from its first bytes (head, n of them) and its
 * name: PDF, PNG, JPEG, GIF, TIFF, WebP, the Office formats (by the
 * name's extension within a ZIP or an OLE file), then text by name or by
 * content (UTF-8 without NUL), else application/octet-stream. */
const char *lz_evidence_type(const unsigned char *head, size_t n, const char *name);

/* The SHA-256 of what fd reads to its end, as 64 hex digits, and the
 * number of bytes; false when reading failed.  When out_fd >= 0 every
 * byte read is written there too (false, errno set, when that fails).
 * max (0: none): false with errno E2BIG once that many bytes are read.
 * head (may be NULL): the first head_size bytes, *head_n of them. */
bool lz_evidence_hash_fd(int fd, int out_fd, char hex[65], int64_t *size, int64_t max,
			 unsigned char *head, size_t head_size, size_t *head_n);

#endif
