"use client";
// A journey's ordered stages: drag a row by its handle, or reorder from the keyboard (Space on the handle,
// arrows, Space to drop; or the Move buttons), rename, add and remove; one Save writes the new order.
import { closestCenter, DndContext, KeyboardSensor, PointerSensor, useSensor, useSensors, type Announcements, type DragEndEvent } from "@dnd-kit/core";
import { arrayMove, SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { useTRPC } from "@/lib/trpc-client";
import type { RouterOutputs } from "@/lib/router-types";
import { countOf } from "@/components/format";

/** A stage as `setup.journey` returns it. */
export type EditableStage = Pick<RouterOutputs["setup"]["journey"]["stages"][number], "id" | "name" | "description" | "touchpoints">;

interface StageItem extends Omit<EditableStage, "id"> {
  key: string;
  id?: number;
}

function StageRow({
  item,
  index,
  count,
  onRename,
  onMove,
  onRemove,
}: {
  item: StageItem;
  index: number;
  count: number;
  onRename: (name: string) => void;
  onMove: (to: number) => void;
  onRemove: () => void;
}) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id: item.key });
  const style = { transform: CSS.Transform.toString(transform), transition };
  const label = item.name || `stage ${index + 1}`;
  return (
    <li ref={setNodeRef} style={style} className={`stage-row${isDragging ? " dragging" : ""}`} data-testid="stage-row">
      <button type="button" className="handle" ref={setActivatorNodeRef} {...attributes} {...listeners} aria-label={`Reorder ${label}`}>
        ⠿
      </button>
      <span className="position" aria-hidden="true">
        {index + 1}.
      </span>
      <input type="text" value={item.name} required maxLength={200} onChange={(e) => onRename(e.target.value)} aria-label={`Name of stage ${index + 1}`} />
      <span className="move">
        <button type="button" disabled={index === 0} onClick={() => onMove(index - 1)} aria-label={`Move ${label} up`}>
          ↑
        </button>{" "}
        <button type="button" disabled={index === count - 1} onClick={() => onMove(index + 1)} aria-label={`Move ${label} down`}>
          ↓
        </button>{" "}
        <button type="button" className="danger" onClick={onRemove} aria-label={`Remove ${label}`}>
          Remove
        </button>
      </span>
      <span className="stage-touchpoints muted">
        {item.touchpoints.length
          ? item.touchpoints.map((t) => t.name).join(" · ")
          : item.id
            ? "No touchpoints yet: place them from a touchpoint's page."
            : "New stage"}
      </span>
    </li>
  );
}

export function StageListEditor({ journeyId, journeyName, stages }: { journeyId: number; journeyName: string; stages: EditableStage[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const id = useId();
  const toItems = (saved: EditableStage[]): StageItem[] => saved.map((s) => ({ ...s, key: `stage-${s.id}` }));
  const [initial, setInitial] = useState(() => toItems(stages));
  const [items, setItems] = useState<StageItem[]>(initial);
  const [newName, setNewName] = useState("");
  const [nextKey, setNextKey] = useState(1);
  const save = useMutation(trpc.setup.saveStages.mutationOptions());
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const nameOf = (key: string | number) => items.find((i) => i.key === key)?.name ?? "the stage";
  const positionOf = (key: string | number) => items.findIndex((i) => i.key === key) + 1;
  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up ${nameOf(active.id)}, position ${positionOf(active.id)} of ${items.length}.`,
    onDragOver: ({ active, over }) => (over ? `${nameOf(active.id)} is over position ${positionOf(over.id)} of ${items.length}.` : undefined),
    onDragEnd: ({ active, over }) =>
      over ? `${nameOf(active.id)} dropped at position ${positionOf(over.id)} of ${items.length}.` : `${nameOf(active.id)} dropped.`,
    onDragCancel: ({ active }) => `Reordering cancelled; ${nameOf(active.id)} is back at position ${positionOf(active.id)}.`,
  };
  const dirty = JSON.stringify(items.map((i) => [i.id, i.name])) !== JSON.stringify(initial.map((i) => [i.id, i.name]));

  const move = (from: number, to: number) => setItems((current) => arrayMove(current, from, to));
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    move(
      items.findIndex((i) => i.key === active.id),
      items.findIndex((i) => i.key === over.id),
    );
  };
  const remove = (item: StageItem) => {
    const placed = item.touchpoints.length;
    const question = `Remove the stage "${item.name}" from ${journeyName}? ${placed ? `Its ${countOf(placed, "touchpoint")} and their responses stay; they are just no longer placed in this stage.` : "It has no touchpoints."} Nothing changes until you save.`;
    if (window.confirm(question)) setItems((current) => current.filter((i) => i.key !== item.key));
  };
  const add = () => {
    if (!newName.trim()) return;
    setItems((current) => [...current, { key: `new-${nextKey}`, name: newName.trim(), description: null, touchpoints: [] }]);
    setNextKey(nextKey + 1);
    setNewName("");
  };

  return (
    <section className="card editor" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Stages, in the order the customer meets them</h2>
      <p id={`${id}-help`} className="muted">
        Drag a stage by its handle, or focus the handle and press Space, move with the arrow keys and press Space again to drop. The arrow buttons do the same.
      </p>
      {items.length === 0 ? <p className="muted">No stages yet. Add the first one below.</p> : null}
      <DndContext id={`${id}-dnd`} sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd} accessibility={{ announcements }}>
        <SortableContext items={items.map((i) => i.key)} strategy={verticalListSortingStrategy}>
          <ol className="stage-list" aria-label={`Stages of ${journeyName}`} aria-describedby={`${id}-help`}>
            {items.map((item, index) => (
              <StageRow
                key={item.key}
                item={item}
                index={index}
                count={items.length}
                onRename={(name) => setItems((current) => current.map((i) => (i.key === item.key ? { ...i, name } : i)))}
                onMove={(to) => move(index, to)}
                onRemove={() => remove(item)}
              />
            ))}
          </ol>
        </SortableContext>
      </DndContext>
      <div className="inline-field">
        <div>
          <label htmlFor={`${id}-new`}>New stage</label>
          <input
            id={`${id}-new`}
            type="text"
            value={newName}
            maxLength={200}
            onChange={(e) => setNewName(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                add();
              }
            }}
          />
        </div>
        <button type="button" onClick={add} disabled={!newName.trim()}>
          Add stage
        </button>
      </div>
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={save.isPending || !dirty}
          onClick={() =>
            save.mutate(
              { journeyId, stages: items.map((i) => ({ id: i.id, name: i.name, description: i.description })) },
              {
                onSuccess: (saved) => {
                  setInitial(toItems(saved));
                  setItems(toItems(saved));
                  router.refresh();
                },
              },
            )
          }
        >
          {save.isPending ? "Saving…" : "Save stages"}
        </button>
        {dirty ? (
          <span className="muted">Unsaved changes</span>
        ) : save.isSuccess ? (
          <span role="status" className="good-text">
            Stages saved.
          </span>
        ) : null}
      </div>
      {save.error ? (
        <p role="alert" className="error">
          {save.error.message}
        </p>
      ) : null}
    </section>
  );
}
