/* Result codes shared by the library and the program.  They are the
 * sysexits(3) values so that a command can return them as its exit status
 * unchanged; scripts rely on them. */
#ifndef LZ_RC_H
#define LZ_RC_H

typedef enum lz_rc {
	LZ_OK = 0,
	LZ_EUSAGE = 64,    /* bad command line */
	LZ_EDATA = 65,     /* invalid value or file contents */
	LZ_ENOINPUT = 66,  /* a named file cannot be read */
	LZ_EIO = 74,       /* database or I/O failure */
	LZ_ESTALE = 75,    /* edit based on an outdated version */
} lz_rc;

#endif
