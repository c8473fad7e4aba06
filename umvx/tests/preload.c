/* A harmless library for umvx run to preload in tests instead of libmvx. */
int umvx_test_preload;
