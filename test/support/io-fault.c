// An LD_PRELOAD shim that makes the disk fail: while the file named by HOOKBRIDGE_FAULT_FLAG exists, every
// write or sync to a file whose path starts with HOOKBRIDGE_FAULT_PATH fails with EIO, as a dying disk's would,
// or with ENOSPC, as a full disk's would, when HOOKBRIDGE_FAULT_ERRNO is "ENOSPC".
// Everything else (stdout, sockets, other files) is untouched. Built by test/support/io-fault.ts with cc.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

static int faulty(int fd) {
  const char *flag = getenv("HOOKBRIDGE_FAULT_FLAG");
  const char *prefix = getenv("HOOKBRIDGE_FAULT_PATH");
  if (!flag || !prefix || access(flag, F_OK) != 0) return 0;
  char link[64], target[4096];
  snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
  ssize_t n = readlink(link, target, sizeof target - 1);
  if (n <= 0) return 0;
  target[n] = '\0';
  return strncmp(target, prefix, strlen(prefix)) == 0;
}

static int fault_errno(void) {
  const char *name = getenv("HOOKBRIDGE_FAULT_ERRNO");
  return name && strcmp(name, "ENOSPC") == 0 ? ENOSPC : EIO;
}

#define NEXT(name) static __typeof__(name) *next_##name; if (!next_##name) next_##name = dlsym(RTLD_NEXT, #name)

ssize_t write(int fd, const void *buf, size_t count) {
  NEXT(write);
  if (faulty(fd)) { errno = fault_errno(); return -1; }
  return next_write(fd, buf, count);
}

ssize_t pwrite(int fd, const void *buf, size_t count, off_t offset) {
  NEXT(pwrite);
  if (faulty(fd)) { errno = fault_errno(); return -1; }
  return next_pwrite(fd, buf, count, offset);
}

ssize_t pwrite64(int fd, const void *buf, size_t count, off64_t offset) {
  NEXT(pwrite64);
  if (faulty(fd)) { errno = fault_errno(); return -1; }
  return next_pwrite64(fd, buf, count, offset);
}

ssize_t writev(int fd, const struct iovec *iov, int iovcnt) {
  NEXT(writev);
  if (faulty(fd)) { errno = fault_errno(); return -1; }
  return next_writev(fd, iov, iovcnt);
}

int fsync(int fd) {
  NEXT(fsync);
  if (faulty(fd)) { errno = fault_errno(); return -1; }
  return next_fsync(fd);
}

int fdatasync(int fd) {
  NEXT(fdatasync);
  if (faulty(fd)) { errno = fault_errno(); return -1; }
  return next_fdatasync(fd);
}
