# embed_text_file(<target> <symbol> <file>): compiles <file> into <target> as
#   namespace embedded { extern const std::string_view <symbol>; }
# declared in the generated header embedded/<symbol>.h.
function(embed_text_file target symbol file)
  set(out_dir ${CMAKE_BINARY_DIR}/generated/embedded)
  set(header ${out_dir}/${symbol}.h)
  set(source ${out_dir}/${symbol}.cc)
  add_custom_command(
    OUTPUT ${source} ${header}
    COMMAND ${CMAKE_COMMAND} -DSYMBOL=${symbol} -DINPUT=${file}
            -DSOURCE=${source} -DHEADER=${header}
            -P ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/embed_file.cmake
    DEPENDS ${file} ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/embed_file.cmake
    COMMENT "Embedding ${file}")
  target_sources(${target} PRIVATE ${source})
  target_include_directories(${target} PUBLIC ${CMAKE_BINARY_DIR}/generated)
endfunction()
