#pragma once

#include <cstdint>
#include <string_view>

namespace api::checksums {

// Running CRCs: pass the previous value (0 to start) and the next bytes.
// CRC-32C (Castagnoli, reflected 0x82F63B78); check value of "123456789" is 0xE3069283.
std::uint32_t crc32c(std::uint32_t previous, std::string_view bytes);
// CRC-64/NVME (reflected 0x9A6C9329AC4BC9B5, init and xorout all ones); "123456789" gives
// 0xAE8B14860A799888.
std::uint64_t crc64nvme(std::uint64_t previous, std::string_view bytes);

}  // namespace api::checksums
