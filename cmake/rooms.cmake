# amt_room(<target> [SOURCES <files...>] [PUBLIC <deps...>] [PRIVATE <deps...>])
#
# One library per folder (a "room" of design.md), linked only along the arrows that
# docs/architecture.md allows. Includes are written from the repository root
# ("emulator/sim/simulator.h"), but no target sees the whole tree: each room publishes its
# own headers under an include root of its own, build/rooms/<target>/, which holds links
# to this folder's headers and nothing else (Bazel's _virtual_includes work the same way).
# A target therefore finds another room's header only when it links that room, and a
# forbidden include fails to compile with "No such file or directory".
function(amt_room target)
  cmake_parse_arguments(ARG "" "" "SOURCES;PUBLIC;PRIVATE" ${ARGN})
  file(RELATIVE_PATH folder ${PROJECT_SOURCE_DIR} ${CMAKE_CURRENT_SOURCE_DIR})
  set(root ${CMAKE_BINARY_DIR}/rooms/${target})
  file(REMOVE_RECURSE ${root})
  file(MAKE_DIRECTORY ${root}/${folder})
  file(GLOB headers CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.h)
  foreach(header IN LISTS headers)
    get_filename_component(name ${header} NAME)
    file(CREATE_LINK ${header} ${root}/${folder}/${name} SYMBOLIC)
  endforeach()

  if(ARG_SOURCES)
    add_library(${target} STATIC ${ARG_SOURCES})
    set(visibility PUBLIC)
  else()
    add_library(${target} INTERFACE)
    set(visibility INTERFACE)
  endif()
  target_include_directories(${target} ${visibility} ${root})
  if(ARG_PUBLIC)
    target_link_libraries(${target} ${visibility} ${ARG_PUBLIC})
  endif()
  if(ARG_PRIVATE)
    target_link_libraries(${target} PRIVATE ${ARG_PRIVATE})
  endif()
endfunction()
