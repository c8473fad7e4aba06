/* SPDX-License-Identifier: GPL-2.0 */
#ifndef MVX_DEVICE_H
#define MVX_DEVICE_H

int mvx_device_init(void);
void mvx_device_exit(void);

#endif /* MVX_DEVICE_H */
